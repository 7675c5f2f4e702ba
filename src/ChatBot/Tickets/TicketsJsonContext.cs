using System.Text.Json.Serialization;

namespace ChatBot.Tickets;

/// <summary>
/// The outbox's own JSON (drafts, progress), read only from rows the bot wrote. Null in a non-nullable member is refused
/// as everywhere; a missing constructor parameter is not: rows are written without their null members
/// (<see cref="JsonIgnoreCondition.WhenWritingNull"/>), so requiring every parameter would make each stored draft with no
/// email or no service unreadable, in every database already in use.
/// </summary>
[JsonSourceGenerationOptions(
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(TicketDraft))]
[JsonSerializable(typeof(SubmissionProgress))]
[JsonSerializable(typeof(List<string>), TypeInfoPropertyName = "ListString")]
internal sealed partial class TicketsJsonContext : JsonSerializerContext;
