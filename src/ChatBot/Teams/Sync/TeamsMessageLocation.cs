using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Teams.Sync;

/// <summary>
/// Where a message of the bot landed in Teams: the conversation (a channel thread is <c>channel;messageid=root</c>), the
/// activity id the connector gave it, and whether the conversation is the requester's 1:1 chat. The pipeline and the
/// sync keep it as an opaque string.
/// </summary>
public sealed record TeamsMessageLocation(
    [property: JsonPropertyName("serviceUrl")] string ServiceUrl,
    [property: JsonPropertyName("conversation")] string ConversationId,
    [property: JsonPropertyName("activity")] string ActivityId,
    [property: JsonPropertyName("personal")] bool IsPersonal)
{
    public string Serialize() => JsonSerializer.Serialize(this, TeamsSyncJsonContext.Default.TeamsMessageLocation);

    public static TeamsMessageLocation? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, TeamsSyncJsonContext.Default.TeamsMessageLocation) is
                { ServiceUrl.Length: > 0, ConversationId.Length: > 0, ActivityId.Length: > 0 } location ? location : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The place people answer in: a channel thread as a whole; in a chat without threads (1:1, group), the message
    /// itself, since a reply there quotes it.
    /// </summary>
    [JsonIgnore]
    public string ThreadKey => ConversationId.Contains(";messageid=", StringComparison.Ordinal)
        ? "teams:" + ConversationId
        : "teams:" + ConversationId + ":" + ActivityId;
}

/// <summary>The sync's own stored Teams locations (written and read by the bot only; null members refused all the same).</summary>
[JsonSourceGenerationOptions(RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(TeamsMessageLocation))]
internal sealed partial class TeamsSyncJsonContext : JsonSerializerContext;
