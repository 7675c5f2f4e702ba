namespace ChatBot.Settings;

/// <summary>
/// Keys that only make sense together (a platform's credentials, Keliweb's API key pair, the default account's login):
/// none set means the feature is off, all set means on, some set is a mistake worth stopping for (design section 5).
/// Each feature registers its sets as singletons; the start-up report checks every registered one, one line each.
/// </summary>
/// <param name="Alternative">Another complete set for the same feature (Slack: one bot token, or "Add to Slack" client credentials).</param>
public sealed record CredentialSet(string Name, IReadOnlyList<string> Keys, IReadOnlyList<string>? Alternative = null)
{
    public static readonly CredentialSet Slack =
        new("Slack", ["Slack:SigningSecret", "Slack:BotToken"], ["Slack:SigningSecret", "Slack:ClientId", "Slack:ClientSecret"]);

    /// <summary>Socket Mode, for one workspace (its bot token) or for the workspaces that install the app ("Add to Slack").</summary>
    public static readonly CredentialSet SlackSocketMode =
        new("Slack (Socket Mode)", ["Slack:AppToken", "Slack:BotToken"], ["Slack:AppToken", "Slack:ClientId", "Slack:ClientSecret"]);
    public static readonly CredentialSet Teams = new("Teams", ["Teams:AppId", "Teams:AppPassword"]);
    public static readonly CredentialSet KeliwebApiKeys = new("Keliweb API keys", ["Keliweb:ClientId", "Keliweb:ClientSecret"]);
    public static readonly CredentialSet KeliwebDefaultAccount = new("Keliweb default account", ["Keliweb:Username", "Keliweb:Password"]);

    /// <summary>Slack's set: with an app token (Socket Mode) the signing secret is not needed, the bot token still is.</summary>
    public static CredentialSet SlackFor(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration?["Slack:AppToken"]) ? Slack : SlackSocketMode;

    /// <summary>The keys with no value (absent, empty or whitespace) in <paramref name="configuration"/>.</summary>
    public IReadOnlyList<string> Missing(IConfiguration configuration) => Missing(Keys, configuration);

    public bool IsComplete(IConfiguration configuration) =>
        Missing(configuration).Count == 0 || (Alternative is not null && Missing(Alternative, configuration).Count == 0);

    public bool IsPartial(IConfiguration configuration) =>
        !IsComplete(configuration) && Keys.Concat(Alternative ?? []).Any(k => !string.IsNullOrWhiteSpace(configuration[k]));

    /// <summary>
    /// The one line the start-up report prints for a partial set: about the alternative when a key only it has is set
    /// (the operator is setting that one up), else about <see cref="Keys"/>.
    /// </summary>
    public string Problem(IConfiguration configuration)
    {
        var meant = Alternative is not null && Alternative.Except(Keys).Any(k => !string.IsNullOrWhiteSpace(configuration[k])) ? Alternative : Keys;
        return $"{Name} is partly configured: {string.Join(", ", Missing(meant, configuration))} missing. Set all of {string.Join(", ", meant)}, or none to disable it.";
    }

    private static List<string> Missing(IReadOnlyList<string> keys, IConfiguration configuration) =>
        keys.Where(k => string.IsNullOrWhiteSpace(configuration[k])).ToList();
}
