using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Teams.Sync;

/// <summary>
/// Where a Teams message in a ticket's thread came from, for its acknowledgement (a short reply in that conversation) and
/// a word to its author alone (their 1:1 chat, through <see cref="ReplyTo"/>), with the name and language Teams gave.
/// </summary>
public sealed record TeamsThreadOrigin(
    [property: JsonPropertyName("replyTo")] string ReplyTo,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("locale")] string Locale)
{
    public string Serialize() => JsonSerializer.Serialize(this, TeamsThreadOriginJsonContext.Default.TeamsThreadOrigin);

    public static TeamsThreadOrigin? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, TeamsThreadOriginJsonContext.Default.TeamsThreadOrigin);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(TeamsThreadOrigin))]
internal sealed partial class TeamsThreadOriginJsonContext : JsonSerializerContext;
