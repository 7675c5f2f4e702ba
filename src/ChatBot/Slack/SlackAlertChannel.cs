using System.Text.Json.Nodes;
using ChatBot.Alerts;
using ChatBot.Slack.Views;
using ChatBot.Slack.WebApi;
using ChatBot.Linking;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack;

/// <summary>Operator alerts as plain messages in a Slack channel the bot was invited to (<c>chat.postMessage</c>).</summary>
/// In "Add to Slack" mode the channel belongs to the workspace <c>Alerts:SlackTeam</c> names; with one bot token, to that token's.
public sealed class SlackAlertChannel(SlackApiClient api, IOptionsMonitor<AlertsOptions> alerts) : IAlertChannel
{
    public string Platform => ChatPlatforms.Slack;

    public async Task<AlertDelivery> PostAlertAsync(string conversation, string text, CancellationToken cancellationToken)
    {
        var posted = await api.PostMessageAsync(
            SlackWorkspace.OfTeam(alerts.CurrentValue.SlackTeam ?? ""),
            new JsonObject { ["channel"] = conversation, ["text"] = BlockKit.Escape(text), ["unfurl_links"] = false }, cancellationToken);
        return posted.IsOk ? AlertDelivery.Ok
            : AlertDelivery.Failed(posted.Error is "not_in_channel" or "channel_not_found"
                ? $"Slack answered {posted.Error}: invite the bot into the channel (/invite @bot) and check Alerts:Conversation"
                : posted.Error == SlackApiClient.NotInstalled
                    ? "the bot is not installed in the alerts' workspace: set Alerts:SlackTeam to an installed team id (slack installations list)"
                    : "Slack answered " + posted.Describe());
    }
}
