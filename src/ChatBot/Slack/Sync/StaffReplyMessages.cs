using System.Text.Json.Nodes;
using ChatBot.Slack.Views;
using ChatBot.Sync;

namespace ChatBot.Slack.Sync;

/// <summary>
/// A staff reply as a Slack message: who answered (context), the reply (sections of mrkdwn), its attachments' names, and
/// the reply's key in the message's metadata, by which a crashed post is found again in the thread.
/// </summary>
public static class StaffReplyMessages
{
    /// <summary>The metadata event type of the bot's staff-reply posts.</summary>
    public const string MetadataEventType = "keliweb_staff_reply";

    public static JsonObject Build(string channel, string? threadTs, StaffReplyPost reply)
    {
        var blocks = new JsonArray(Context(reply.Heading));
        foreach (var section in SlackMrkdwn.Sections(reply.Body))
        {
            blocks.Add((JsonNode)new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = section, ["verbatim"] = true } });
        }

        if (reply.Attachments is { } attachments)
        {
            blocks.Add((JsonNode)Context(attachments));
        }

        if (reply.RepeatNote is { } note)
        {
            blocks.Add((JsonNode)Context(note));
        }

        var message = new JsonObject
        {
            ["channel"] = channel,
            // The notification's words: the heading and the start of the reply, plain.
            ["text"] = BlockKit.EscapeAndCut(reply.Heading + " " + reply.Body.Plain, BlockKit.MaxSectionTextLength),
            ["blocks"] = blocks,
            ["unfurl_links"] = false,
            ["unfurl_media"] = false,
            ["metadata"] = new JsonObject { ["event_type"] = MetadataEventType, ["event_payload"] = new JsonObject { ["key"] = reply.Key } },
        };
        if (threadTs is not null)
        {
            message["thread_ts"] = threadTs;
        }

        return message;
    }

    /// <summary>Whether a message read back from a thread is the post of <paramref name="key"/>.</summary>
    public static bool Carries(HistoryMessage message, string key) =>
        message.Metadata is { EventType: MetadataEventType, EventPayload: { ValueKind: System.Text.Json.JsonValueKind.Object } payload }
        && payload.TryGetProperty("key", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String && value.GetString() == key;

    private static JsonObject Context(string text) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(BlockKit.Mrkdwn(text)),
    };
}
