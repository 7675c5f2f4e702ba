namespace ChatBot.Settings;

/// <summary>
/// Keys that only make sense together (a platform's credentials, Keliweb's API key pair, the default account's login):
/// none set means the feature is off, all set means on, some set is a mistake worth stopping for (design section 5).
/// Each feature registers its sets as singletons; the start-up report checks every registered one, one line each.
/// </summary>
public sealed record CredentialSet(string Name, IReadOnlyList<string> Keys)
{
    public static readonly CredentialSet Slack = new("Slack", ["Slack:SigningSecret", "Slack:BotToken"]);
    public static readonly CredentialSet SlackSocketMode = new("Slack (Socket Mode)", ["Slack:AppToken", "Slack:BotToken"]);
    public static readonly CredentialSet Teams = new("Teams", ["Teams:AppId", "Teams:AppPassword"]);
    public static readonly CredentialSet KeliwebApiKeys = new("Keliweb API keys", ["Keliweb:ClientId", "Keliweb:ClientSecret"]);
    public static readonly CredentialSet KeliwebDefaultAccount = new("Keliweb default account", ["Keliweb:Username", "Keliweb:Password"]);

    /// <summary>Slack's set: with an app token (Socket Mode) the signing secret is not needed, the bot token still is.</summary>
    public static CredentialSet SlackFor(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration?["Slack:AppToken"]) ? Slack : SlackSocketMode;

    /// <summary>The keys with no value (absent, empty or whitespace) in <paramref name="configuration"/>.</summary>
    public IReadOnlyList<string> Missing(IConfiguration configuration) =>
        Keys.Where(k => string.IsNullOrWhiteSpace(configuration[k])).ToList();

    public bool IsComplete(IConfiguration configuration) => Missing(configuration).Count == 0;

    public bool IsPartial(IConfiguration configuration) => Missing(configuration).Count is var n && n > 0 && n < Keys.Count;

    /// <summary>The one line the start-up report prints for a partial set.</summary>
    public string Problem(IConfiguration configuration) =>
        $"{Name} is partly configured: {string.Join(", ", Missing(configuration))} missing. Set all of {string.Join(", ", Keys)}, or none to disable it.";
}
