using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Slack.Sync;

/// <summary>Where a thread message was written, for its acknowledgement (a reaction on it) and a word to its author alone.</summary>
public sealed record SlackThreadOrigin(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("ts")] string Ts,
    [property: JsonPropertyName("thread_ts")] string ThreadTs)
{
    public string Serialize() => JsonSerializer.Serialize(this, SlackSyncJsonContext.Default.SlackThreadOrigin);

    public static SlackThreadOrigin? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, SlackSyncJsonContext.Default.SlackThreadOrigin) is { Channel.Length: > 0, Ts.Length: > 0 } origin ? origin : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
