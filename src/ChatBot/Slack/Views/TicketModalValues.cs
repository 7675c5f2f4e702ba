using System.Globalization;
using System.Text.Json;
using ChatBot.Slack.Payloads;

namespace ChatBot.Slack.Views;

/// <summary>
/// What the user had in the modal when it is built again for another department (<c>views.update</c>): the typed
/// values become the new view's initial values, under the same block and action ids, so nothing typed is lost.
/// Slack keeps such values across an update itself; writing them as initial values says so in the view too.
/// </summary>
public sealed record TicketModalValues(
    string? Department,
    string? Subject,
    string? Message,
    string? Priority,
    SelectedOption? Service,
    IReadOnlyDictionary<int, string> CustomFields,
    IReadOnlyList<string>? MessageFiles)
{
    public static TicketModalValues From(ViewState? state)
    {
        string? Text(string id) => Find(state, id)?.Value;
        var custom = new Dictionary<int, string>();
        foreach (var blockId in state?.Values.Keys ?? [])
        {
            if (blockId.StartsWith(TicketModal.CustomFieldPrefix, StringComparison.Ordinal)
                && int.TryParse(blockId.AsSpan(TicketModal.CustomFieldPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && Text(blockId) is { } value)
            {
                custom[id] = value;
            }
        }

        return new TicketModalValues(
            Find(state, TicketModal.DepartmentId)?.SelectedOption?.Value,
            Text(TicketModal.SubjectId),
            Text(TicketModal.MessageId),
            Find(state, TicketModal.PriorityId)?.SelectedOption?.Value,
            Find(state, TicketModal.ServiceId)?.SelectedOption,
            custom,
            Find(state, TicketModal.MessageFilesId)?.SelectedOptions?.Select(o => o.Value).ToList());
    }

    /// <summary>
    /// The message's files as the modal listed them (the checkboxes' options): on an update they must all stay listed,
    /// ticked or not, and the shortcut's message is not at hand any more.
    /// </summary>
    public static IReadOnlyList<SlackFile> MessageFilesOf(JsonElement? blocks)
    {
        var files = new List<SlackFile>();
        if (blocks is not { ValueKind: JsonValueKind.Array } list)
        {
            return files;
        }

        foreach (var block in list.EnumerateArray())
        {
            if (block.ValueKind == JsonValueKind.Object && block.TryGetProperty("block_id", out var id) && id.ValueKind == JsonValueKind.String
                && id.GetString() == TicketModal.MessageFilesId
                && block.TryGetProperty("element", out var element) && element.ValueKind == JsonValueKind.Object
                && element.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Array)
            {
                foreach (var option in options.EnumerateArray().Take(TicketModal.SlackMaxFiles))
                {
                    if (option.ValueKind == JsonValueKind.Object && option.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String
                        && option.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.Object
                        && text.TryGetProperty("text", out var label) && label.ValueKind == JsonValueKind.String)
                    {
                        files.Add(new SlackFile(value.GetString()!, label.GetString()));
                    }
                }
            }
        }

        return files;
    }

    private static ViewStateValue? Find(ViewState? state, string id) =>
        state?.Values is { } values && values.TryGetValue(id, out var block) && block.TryGetValue(id, out var value) ? value : null;
}
