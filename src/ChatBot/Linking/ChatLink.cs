namespace ChatBot.Linking;

/// <summary>
/// One link: which Keliweb account opens tickets for a whole workspace/tenant (<see cref="UserId"/> empty) or one user in it.
/// </summary>
public sealed record ChatLink(
    long Id,
    string Platform,
    string TeamId,
    string UserId,
    string AccountId,
    int? ClientId,
    int? ContactId)
{
    public bool IsWorkspaceLink => UserId.Length == 0;
}
