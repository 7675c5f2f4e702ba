using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Slack.WebApi;

namespace ChatBot.Slack.Sync;

/// <summary>conversations.replies and conversations.history as the sync reads them back: a page of messages, each with its metadata.</summary>
public sealed record ConversationMessagesResponse(
    bool Ok,
    string? Error = null,
    IReadOnlyList<HistoryMessage?>? Messages = null,
    bool? HasMore = null,
    ResponseMetadata? ResponseMetadata = null) : SlackApiResponse(Ok, Error);

public sealed record HistoryMessage(string? Ts = null, string? ThreadTs = null, string? BotId = null, MessageMetadata? Metadata = null);

/// <summary>What chat.postMessage's <c>metadata</c> carried: the sync's reply key in <c>event_payload.key</c>.</summary>
public sealed record MessageMetadata(string? EventType = null, JsonElement? EventPayload = null);

public sealed record ResponseMetadata(string? NextCursor = null);

/// <summary>The sync's Web API answers (wire: null and missing members refused) and its own stored locations.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationMessagesResponse))]
[JsonSerializable(typeof(SlackMessageLocation))]
[JsonSerializable(typeof(SlackThreadOrigin))]
internal sealed partial class SlackSyncJsonContext : JsonSerializerContext;
