using System.Text.RegularExpressions;
using ChatBot.Settings;
using Microsoft.Extensions.Options;

namespace ChatBot.Alerts;

/// <summary>Every rule of the "Alerts" section; an operator channel on a platform that is not configured is an error too.</summary>
internal sealed partial class AlertsOptionsValidator(IConfiguration configuration) : IValidateOptions<AlertsOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertsOptions options)
    {
        var check = new SettingsCheck(AlertsOptions.SectionName);
        var platform = options.Platform?.Trim().ToLowerInvariant();
        if (options.Enabled)
        {
            if (platform is not (AlertPlatforms.Slack or AlertPlatforms.Teams))
            {
                check.Fail(nameof(options.Platform), $"must be '{AlertPlatforms.Slack}' or '{AlertPlatforms.Teams}', or empty to send no alerts.");
            }
            else if (!(platform == AlertPlatforms.Slack ? CredentialSet.SlackFor(configuration) : CredentialSet.Teams).IsComplete(configuration))
            {
                check.Fail(nameof(options.Platform), $"is {platform}, but {platform} is not configured (its credentials are missing).");
            }

            if (string.IsNullOrWhiteSpace(options.Conversation))
            {
                check.Fail(nameof(options.Conversation), "is required with Alerts:Platform (a Slack channel id such as C0123456789, or a Teams conversation id).");
            }
            else if (platform == AlertPlatforms.Slack && !SlackChannel().IsMatch(options.Conversation))
            {
                check.Fail(nameof(options.Conversation), "must be a Slack channel id such as C0123456789 (channel details, bottom of the About tab), not its name.");
            }

            // Add to Slack (no one bot token): the alerts are posted with the token of the workspace the channel is in.
            if (platform == AlertPlatforms.Slack && string.IsNullOrWhiteSpace(configuration["Slack:BotToken"])
                && !string.IsNullOrWhiteSpace(configuration["Slack:ClientId"]) && string.IsNullOrWhiteSpace(options.SlackTeam))
            {
                check.Fail(nameof(options.SlackTeam), "is required with Alerts:Platform slack in Add to Slack mode: the team id (T…) of the workspace Alerts:Conversation is in.");
            }

            if (platform == AlertPlatforms.Teams)
            {
                check.SecureUrl(nameof(options.TeamsServiceUrl), options.TeamsServiceUrl);
            }
        }

        if (options.Culture is not ("en" or "it"))
        {
            check.Fail(nameof(options.Culture), "must be 'en' or 'it'.");
        }

        check.Positive(nameof(options.MinInterval), options.MinInterval);
        check.Positive(nameof(options.KeliwebDownAfter), options.KeliwebDownAfter);
        return check.Result;
    }

    [GeneratedRegex("^[CGD][A-Z0-9]{2,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlackChannel();
}
