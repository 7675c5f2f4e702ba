using ChatBot.Http;
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

    /// <summary>Slack bodies are a few KB; anything past this is refused before verification reads it all.</summary>
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(SigningSecret) && !string.IsNullOrWhiteSpace(BotToken);
}

/// <summary>Partial credentials stop the start with the missing key's name; none at all leaves Slack disabled.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var hasSecret = !string.IsNullOrWhiteSpace(options.SigningSecret);
        var hasToken = !string.IsNullOrWhiteSpace(options.BotToken);
        if (hasSecret && !hasToken)
        {
            return ValidateOptionsResult.Fail("Slack:BotToken is missing (Slack:SigningSecret is set).");
        }

        if (hasToken && !hasSecret)
        {
            return ValidateOptionsResult.Fail("Slack:SigningSecret is missing (Slack:BotToken is set).");
        }

        if (!options.ApiBaseUrl.IsAbsoluteUri || !IsHttpsOrLoopback(options.ApiBaseUrl))
        {
            return ValidateOptionsResult.Fail("Slack:ApiBaseUrl must be an absolute https URL (http only for loopback).");
        }

        if (HostAllowList.Problem(options.FileHosts) is { } problem)
        {
            return ValidateOptionsResult.Fail($"Slack:FileHosts: {problem}.");
        }

        return options.MaxRequestBodyBytes < 16 * 1024
            ? ValidateOptionsResult.Fail("Slack:MaxRequestBodyBytes must be at least 16384.")
            : ValidateOptionsResult.Success;
    }

    internal static bool IsHttpsOrLoopback(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
}
