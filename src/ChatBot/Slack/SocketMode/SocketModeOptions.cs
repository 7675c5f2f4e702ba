using ChatBot.Http;
using ChatBot.Settings;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.SocketMode;

/// <summary>
/// Socket Mode's keys of the "Slack" section: with an app-level token the bot opens WebSockets to Slack instead of
/// waiting for requests, so it needs no public URL. Kept apart from <see cref="SlackOptions"/> (same section) so the
/// transport is a room of its own.
/// </summary>
public sealed class SocketModeOptions
{
    public const string SectionName = SlackOptions.SectionName;
    public const string AppTokenPrefix = "xapp-";
    public const int MaxConnections = 10;

    /// <summary>App-level token (<c>xapp-…</c>, scope <c>connections:write</c>); sent only to apps.connections.open under <c>Slack:ApiBaseUrl</c>.</summary>
    public string? AppToken { get; set; }

    /// <summary>WebSockets kept open at once; Slack sends each envelope to one of them and allows up to 10.</summary>
    public int SocketConnections { get; set; } = 2;

    /// <summary>
    /// Hosts the WebSocket URL that apps.connections.open returns may point at (<see cref="HostAllowList"/>): wss only
    /// (ws for a loopback name listed), the default port unless an entry says <c>host:port</c>.
    /// </summary>
    public List<string> SocketHosts { get; set; } = ["*.slack.com"];

    public static readonly ListSetting<SocketModeOptions>[] Lists = [new(nameof(SocketHosts), o => o.SocketHosts.Clear())];

    /// <summary>How often the bot pings each socket; a socket that answers no ping within <see cref="SocketPingTimeout"/> is replaced.</summary>
    public TimeSpan SocketPingInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan SocketPingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(AppToken);

    /// <summary>Socket Mode is on when the app token is set (read before options exist, to choose the credential set).</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration?[SectionName + ":" + nameof(AppToken)]);
}

internal sealed class SocketModeOptionsValidator : IValidateOptions<SocketModeOptions>
{
    public ValidateOptionsResult Validate(string? name, SocketModeOptions options)
    {
        var check = new SettingsCheck(SocketModeOptions.SectionName);
        if (options.IsEnabled && !options.AppToken!.Trim().StartsWith(SocketModeOptions.AppTokenPrefix, StringComparison.Ordinal))
        {
            // Pasting the bot token here is the usual mistake; the message never repeats the value.
            check.Fail(nameof(options.AppToken), $"must be an app-level token starting with '{SocketModeOptions.AppTokenPrefix}' (Basic Information > App-Level Tokens, scope connections:write).");
        }

        check.Range(nameof(options.SocketConnections), options.SocketConnections, 1, SocketModeOptions.MaxConnections);
        if (HostAllowList.Problem(options.SocketHosts) is { } problem)
        {
            check.Fail(nameof(options.SocketHosts), "must list host names, '*.' suffixes or host:port: " + problem + ".");
        }

        check.Positive(nameof(options.SocketPingInterval), options.SocketPingInterval);
        check.Positive(nameof(options.SocketPingTimeout), options.SocketPingTimeout);
        return check.Result;
    }
}
