using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Slack.Sync;

/// <summary>
/// Where a thread message was written, for its acknowledgement (a reaction on it) and a word to its author alone; and
/// the installation Slack delivered it through (<see cref="WebApi.SlackWorkspace.InstallationId"/>), whose token those
/// calls carry. Null on rows from before installations were recorded: the author's team then.
/// </summary>
public sealed record SlackThreadOrigin(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("ts")] string Ts,
    [property: JsonPropertyName("thread_ts")] string ThreadTs,
    [property: JsonPropertyName("installation")] string? Installation = null)
{
    /// <summary>The workspace whose token answers <paramref name="author"/>'s message.</summary>
    public WebApi.SlackWorkspace Workspace(Linking.ChatIdentity author) => new(Installation ?? author.TeamId, author.TeamId);

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
