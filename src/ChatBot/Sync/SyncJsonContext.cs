using System.Text.Json.Serialization;

namespace ChatBot.Sync;

/// <summary>The sync's own stored JSON (the inbox's messages and progress); written and read by this bot only.</summary>
[JsonSourceGenerationOptions(
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(List<string>), TypeInfoPropertyName = "ListString")]
[JsonSerializable(typeof(ThreadMessage))]
[JsonSerializable(typeof(ThreadReplyProgress))]
internal sealed partial class SyncJsonContext : JsonSerializerContext;
