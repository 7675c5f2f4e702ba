using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Slack.Payloads;

namespace ChatBot.Slack.Sync;

/// <summary>
/// Where a message of the bot landed, as Slack names it: the conversation, the message's ts, and the thread it is in
/// (none for a message at the top of a conversation). The pipeline and the sync keep it as an opaque string.
/// </summary>
public sealed record SlackMessageLocation(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("ts")] string Ts,
    [property: JsonPropertyName("thread_ts")] string? ThreadTs = null)
{
    /// <summary>The thread replies to this message are in: its own when it is at the top.</summary>
    public string ThreadRoot => ThreadTs ?? Ts;

    /// <summary>The thread key incoming messages carry (see <see cref="Tickets.IChatChannel"/>'s sync seam): channel ids are unique across workspaces.</summary>
    public static string ThreadKey(string channel, string threadTs) => "slack:" + channel + ":" + threadTs;

    public string Serialize() => JsonSerializer.Serialize(this, SlackSyncJsonContext.Default.SlackMessageLocation);

    public static SlackMessageLocation? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, SlackSyncJsonContext.Default.SlackMessageLocation) is { Channel.Length: > 0, Ts.Length: > 0 } location ? location : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
