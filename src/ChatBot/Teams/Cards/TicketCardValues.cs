using System.Globalization;
using System.Text.Json;

namespace ChatBot.Teams.Cards;

/// <summary>The ticket card's input values as typed (or prefilled); strings, because invalid input is shown back as is.</summary>
public sealed record TicketCardValues(
    string? Department,
    string? Subject,
    string? Message,
    string? Priority,
    IReadOnlyDictionary<int, string> CustomFields,
    string? Service = null,
    string? FormDepartment = null,
    string? Action = null)
{
    public static readonly TicketCardValues Empty = new(null, null, null, null, new Dictionary<int, string>());

    /// <summary>Reads the inputs from submitted card data (<c>Action.Submit</c> value or <c>Action.Execute</c> data).</summary>
    public static TicketCardValues From(JsonElement? data)
    {
        if (data is not { ValueKind: JsonValueKind.Object } element)
        {
            return Empty;
        }

        var custom = new Dictionary<int, string>();
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.StartsWith(TicketCard.CustomFieldPrefix, StringComparison.Ordinal)
                && int.TryParse(property.Name.AsSpan(TicketCard.CustomFieldPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && property.Value.ValueKind == JsonValueKind.String)
            {
                custom[id] = property.Value.GetString()!;
            }
        }

        return new TicketCardValues(
            Read(element, TicketCard.DepartmentId),
            Read(element, TicketCard.SubjectId),
            Read(element, TicketCard.MessageId),
            Read(element, TicketCard.PriorityId),
            custom,
            Read(element, TicketCard.ServiceId),
            Read(element, TicketCard.FormDepartmentKey),
            Read(element, TicketCard.ActionKey));
    }

    /// <summary>A string member of card data, or null (numbers are accepted: some clients send choice values as numbers).</summary>
    public static string? Read(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
