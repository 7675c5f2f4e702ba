using System.Text.Json.Serialization;

namespace ChatBot.Tickets;

[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TicketDraft))]
[JsonSerializable(typeof(SubmissionProgress))]
internal sealed partial class TicketsJsonContext : JsonSerializerContext;
