namespace ChatBot.Linking.SignIn;

/// <summary>
/// What sign-in needs from a chat platform; Slack and Teams each implement it (the platform-free page never sees their
/// types). Registered once per platform.
/// </summary>
public interface ISignInChat
{
    /// <summary>"slack" or "teams"; matches <see cref="ChatIdentity.Platform"/>.</summary>
    string Platform { get; }

    /// <summary>Whether the platform says this person may link the whole workspace (Slack: admin or owner). Asked fresh.</summary>
    Task<bool> MayLinkWorkspaceAsync(ChatIdentity identity, CancellationToken cancellationToken);

    /// <summary>A message only this person sees (a DM, the 1:1 chat). False when it could not be delivered.</summary>
    Task<bool> PostPrivatelyAsync(ChatPerson person, string text, CancellationToken cancellationToken);
}

/// <summary>The registered <see cref="ISignInChat"/>s by platform.</summary>
public sealed class SignInChats(IEnumerable<ISignInChat> chats)
{
    private readonly Dictionary<string, ISignInChat> _byPlatform = chats.ToDictionary(c => c.Platform, StringComparer.OrdinalIgnoreCase);

    public ISignInChat? Find(string platform) => _byPlatform.GetValueOrDefault(platform);
}
