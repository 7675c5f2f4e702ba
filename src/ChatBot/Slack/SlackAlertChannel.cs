using System.Text.Json.Nodes;
using ChatBot.Alerts;
using ChatBot.Slack.Views;
using ChatBot.Slack.WebApi;
using ChatBot.Linking;
using ChatBot.Tickets;

namespace ChatBot.Slack;

/// <summary>Operator alerts as plain messages in a Slack channel the bot was invited to (<c>chat.postMessage</c>).</summary>
public sealed class SlackAlertChannel(SlackApiClient api) : IAlertChannel
{
    public string Platform => ChatPlatforms.Slack;

    public async Task<AlertDelivery> PostAlertAsync(string conversation, string text, CancellationToken cancellationToken)
    {
        var posted = await api.PostMessageAsync(
            new JsonObject { ["channel"] = conversation, ["text"] = BlockKit.Escape(text), ["unfurl_links"] = false }, cancellationToken);
        return posted.IsOk ? AlertDelivery.Ok
            : AlertDelivery.Failed(posted.Error is "not_in_channel" or "channel_not_found"
                ? $"Slack answered {posted.Error}: invite the bot into the channel (/invite @bot) and check Alerts:Conversation"
                : "Slack answered " + posted.Describe());
    }
}
