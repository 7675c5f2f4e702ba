using System.Text.Json.Serialization;

namespace ChatBot.Slack.SocketMode;

/// <summary>Socket Mode's frames and apps.connections.open, enforced like every wire context (see SlackJsonContext).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SocketFrame))]
[JsonSerializable(typeof(ConnectionsOpenResponse))]
internal sealed partial class SocketModeJsonContext : JsonSerializerContext;
