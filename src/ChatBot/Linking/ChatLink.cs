using ChatBot.Storage;

namespace ChatBot.Linking;

/// <summary>
/// One link: which Keliweb account opens tickets for a whole workspace/tenant (<see cref="UserId"/> empty) or one user
/// in it, and who made it (<see cref="Made"/>).
/// </summary>
public sealed record ChatLink(
    long Id,
    string Platform,
    string TeamId,
    string UserId,
    string AccountId,
    int? ClientId,
    int? ContactId,
    Provenance Made)
{
    public bool IsWorkspaceLink => UserId.Length == 0;
}
