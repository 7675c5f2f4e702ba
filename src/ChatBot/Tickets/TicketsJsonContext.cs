using System.Text.Json.Serialization;

namespace ChatBot.Tickets;

[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TicketDraft))]
[JsonSerializable(typeof(SubmissionProgress))]
[JsonSerializable(typeof(List<string>), TypeInfoPropertyName = "ListString")]
internal sealed partial class TicketsJsonContext : JsonSerializerContext;
