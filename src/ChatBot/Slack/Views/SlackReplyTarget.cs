using System.Text.Json;
using ChatBot.Slack.Payloads;

namespace ChatBot.Slack.Views;

/// <summary>
/// What the Slack side puts in <see cref="Tickets.TicketDraft.ReplyTo"/> and reads back in <see cref="SlackChannel"/>:
/// the conversation and, after a message shortcut, the thread to answer in.
/// </summary>
public sealed record SlackReplyTarget(string Kind, string Channel, string? ThreadTs = null)
{
    public string Serialize() => JsonSerializer.Serialize(this, SlackJsonContext.Default.SlackReplyTarget);

    public static SlackReplyTarget? Parse(string json)
    {
        try
        {
            var target = JsonSerializer.Deserialize(json, SlackJsonContext.Default.SlackReplyTarget);
            return target is { Channel.Length: > 0 } ? target : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
