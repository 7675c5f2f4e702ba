using System.Text.Json.Serialization;

namespace ChatBot.Sync;

/// <summary>
/// The sync's own stored JSON (the inbox's messages and progress); written and read by this bot only. Nulls are written,
/// not left out: a positional member without a default is required when read back, even when it is nullable (a Teams
/// message has no delivery key, and leaving it out made its row unreadable).
/// </summary>
[JsonSourceGenerationOptions(
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(List<string>), TypeInfoPropertyName = "ListString")]
[JsonSerializable(typeof(ThreadMessage))]
[JsonSerializable(typeof(ThreadReplyProgress))]
internal sealed partial class SyncJsonContext : JsonSerializerContext;
