using System.Text.Json.Serialization;

namespace ChatBot.Slack.Events;

/// <summary>The Events API's inner events, snake_case as on the wire; null or missing non-nullable members are refused (400).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SlackEventType))]
[JsonSerializable(typeof(MessageEvent))]
internal sealed partial class SlackEventsJsonContext : JsonSerializerContext;
