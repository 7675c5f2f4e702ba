using System.Text.Json.Serialization;
using ChatBot.Slack.Options;
using ChatBot.Slack.Views;
using ChatBot.Slack.WebApi;

namespace ChatBot.Slack.Payloads;

/// <summary>
/// Source-generated (de)serialization for everything Slack sends and the Web API answers; snake_case as on the wire.
/// Non-nullable members are enforced, so a payload missing what a record requires is a JsonException (400), not a
/// null deep inside a handler (500). Element types read through a <see cref="Json.NonNullListConverter{T}"/> (or a
/// map converter) are listed here too: the generator does not look behind a converter.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PayloadType))]
[JsonSerializable(typeof(MessageActionPayload))]
[JsonSerializable(typeof(ViewSubmissionPayload))]
[JsonSerializable(typeof(BlockActionsPayload))]
[JsonSerializable(typeof(EventEnvelope))]
[JsonSerializable(typeof(BlockAction))]
[JsonSerializable(typeof(SlackFile))]
[JsonSerializable(typeof(SelectedOption))]
[JsonSerializable(typeof(ViewStateValue))]
[JsonSerializable(typeof(TicketModalMetadata))]
[JsonSerializable(typeof(SlackReplyTarget))]
[JsonSerializable(typeof(SlackApiResponse))]
[JsonSerializable(typeof(UsersInfoResponse))]
[JsonSerializable(typeof(FilesInfoResponse))]
[JsonSerializable(typeof(ConversationsOpenResponse))]
[JsonSerializable(typeof(ViewsOpenResponse))]
[JsonSerializable(typeof(BlockSuggestionPayload))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;
