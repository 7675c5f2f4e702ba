using ChatBot.Http;
using ChatBot.Settings;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack;

/// <summary>The "Slack" configuration section (design section 5).</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>Signs every request Slack sends us; with no secret, every request is refused (fail closed).</summary>
    public string? SigningSecret { get; set; }

    /// <summary>
    /// xoxb- token of the one workspace the app is installed in; sent only to <see cref="ApiBaseUrl"/>'s host and to
    /// <see cref="FileHosts"/>. Without it, <see cref="ClientId"/> and <see cref="ClientSecret"/> turn on "Add to Slack".
    /// </summary>
    public string? BotToken { get; set; }

    /// <summary>The app's client id (Basic Information); with <see cref="ClientSecret"/> and no bot token, workspaces install the app themselves.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's client secret: sent only to oauth.v2.access under <see cref="ApiBaseUrl"/>, by HTTP Basic.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Where the install page sends the browser to grant the app (Slack's consent screen).</summary>
    public Uri AuthorizeUrl { get; set; } = new("https://slack.com/oauth/v2/authorize");

    /// <summary>With token rotation on, a token is refreshed when it expires within this (Slack's tokens live 12 hours).</summary>
    public TimeSpan TokenRefreshBefore { get; set; } = TimeSpan.FromHours(2);

    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>
    /// Hosts that may receive the bot token with a file download (<see cref="HostAllowList"/>): exact names or <c>*.</c>
    /// suffixes, https only (http for a loopback name listed), and only the scheme's default port unless an entry says
    /// <c>host:port</c>.
    /// </summary>
    public List<string> FileHosts { get; set; } = ["files.slack.com"];

    /// <summary>The lists whose defaults a configured list replaces (see <see cref="ListSetting{T}"/>).</summary>
    public static readonly ListSetting<SlackOptions>[] Lists = [new(nameof(FileHosts), o => o.FileHosts.Clear())];

    /// <summary>Slack bodies are a few KB; anything past this is refused before verification reads it all.</summary>
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    public const int MinRequestBodyBytes = 16 * 1024;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(SigningSecret) && (HasBotToken || HasClientCredentials);

    /// <summary>
    /// "Add to Slack": many workspaces, each with its own token from the installation store, over the request URLs
    /// (with the signing secret) or Socket Mode (with <c>Slack:AppToken</c>); the credential sets stop the start when
    /// neither carries the requests.
    /// </summary>
    public bool IsMultiWorkspace => !HasBotToken && HasClientCredentials;

    private bool HasBotToken => !string.IsNullOrWhiteSpace(BotToken);

    private bool HasClientCredentials => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}

/// <summary>Every rule of the "Slack" section; half a credential pair is reported once, by the start-up report's credential check.</summary>
internal sealed class SlackOptionsValidator(IConfiguration? configuration = null) : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var check = new SettingsCheck(SlackOptions.SectionName);
        if (options.IsMultiWorkspace && configuration is not null && string.IsNullOrWhiteSpace(configuration["PublicBaseUrl"]))
        {
            check.Fail(nameof(options.ClientId),
                "turns on Add to Slack (no Slack:BotToken is set), which needs PublicBaseUrl: Slack sends the browser back to PublicBaseUrl + slack/oauth_redirect.");
        }

        check.SecureUrl(nameof(options.ApiBaseUrl), options.ApiBaseUrl, endsWithSlash: true);
        for (var i = 0; i < options.FileHosts.Count; i++)
        {
            if (HostAllowList.Problem([options.FileHosts[i]]) is not null)
            {
                check.Fail($"{nameof(options.FileHosts)}:{i}", "must be a host name, a '*.' suffix or host:port, e.g. files.slack.com.");
            }
        }

        check.SecureUrl(nameof(options.AuthorizeUrl), options.AuthorizeUrl, endsWithSlash: false);
        if (options.TokenRefreshBefore < TimeSpan.FromMinutes(1) || options.TokenRefreshBefore > TimeSpan.FromHours(11))
        {
            check.Fail(nameof(options.TokenRefreshBefore), "must be between 00:01:00 and 11:00:00 (Slack's rotating tokens live 12 hours).");
        }
        check.Range(nameof(options.MaxRequestBodyBytes), options.MaxRequestBodyBytes, SlackOptions.MinRequestBodyBytes, int.MaxValue);
        return check.Result;
    }

    internal static bool IsHttpsOrLoopback(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
}
