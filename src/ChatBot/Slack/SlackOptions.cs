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

    /// <summary>xoxb- token; sent only to <see cref="ApiBaseUrl"/>'s host and to <see cref="FileHosts"/>.</summary>
    public string? BotToken { get; set; }

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

    public bool IsEnabled => !string.IsNullOrWhiteSpace(SigningSecret) && !string.IsNullOrWhiteSpace(BotToken);
}

/// <summary>Every rule of the "Slack" section; half a credential pair is reported once, by the start-up report's credential check.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var check = new SettingsCheck(SlackOptions.SectionName);
        check.SecureUrl(nameof(options.ApiBaseUrl), options.ApiBaseUrl, endsWithSlash: true);
        for (var i = 0; i < options.FileHosts.Count; i++)
        {
            if (HostAllowList.Problem([options.FileHosts[i]]) is not null)
            {
                check.Fail($"{nameof(options.FileHosts)}:{i}", "must be a host name, a '*.' suffix or host:port, e.g. files.slack.com.");
            }
        }

        check.Range(nameof(options.MaxRequestBodyBytes), options.MaxRequestBodyBytes, SlackOptions.MinRequestBodyBytes, int.MaxValue);
        return check.Result;
    }

    internal static bool IsHttpsOrLoopback(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
}
