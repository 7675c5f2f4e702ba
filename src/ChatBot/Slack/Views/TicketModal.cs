using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Slack.Localization;
using ChatBot.Slack.Payloads;
using ChatBot.Tickets;
using ChatBot.Tickets.Services;

namespace ChatBot.Slack.Views;

/// <summary>
/// The ticket modal, defined once: its ids, <see cref="Build"/> for /ticket and the message shortcut, and
/// <see cref="Parse"/> for the submission. Block ids equal action ids, so errors and state use the same key. The
/// department select dispatches its choice, and the modal is built again for that department (views.update).
/// </summary>
public static class TicketModal
{
    public const string CallbackId = "open_ticket";
    public const string DepartmentId = "department";
    public const string SubjectId = "subject";
    public const string MessageId = "message";
    public const string PriorityId = "priority";
    public const string ServiceId = "service";
    public const string FilesId = "files";
    public const string MessageFilesId = "message_files";
    public const string CustomFieldPrefix = "customfield_";
    public const int SubjectMaxLength = 255;

    /// <summary>Slack's file_input takes 1..10 files; checkboxes take at most 10 options.</summary>
    public const int SlackMaxFiles = 10;

    /// <param name="services">The requester's service field; null for a guest (the field is absent).</param>
    /// <param name="typed">What the user had typed, when the modal is built again for the department they chose.</param>
    public static JsonObject Build(
        TicketModalPrefill prefill, TicketsOptions options, SlackTexts texts, ServiceField? services = null, TicketModalValues? typed = null)
    {
        var department = ChosenDepartment(typed?.Department, options);
        var departmentBlock = BlockKit.Input(DepartmentId, texts.DepartmentLabel, DepartmentSelect(options, texts, department), optional: false);
        // Choosing a department updates the modal (views.update) to show exactly that department's fields.
        departmentBlock["dispatch_action"] = true;
        var blocks = new JsonArray(
            departmentBlock,
            BlockKit.Input(SubjectId, texts.SubjectLabel, TextInput(SubjectId, typed?.Subject ?? prefill.Subject, SubjectMaxLength, multiline: false), optional: false),
            BlockKit.Input(MessageId, texts.MessageLabel, TextInput(MessageId, typed?.Message ?? prefill.Message, BlockKit.MaxPlainTextInputLength, multiline: true), optional: false),
            BlockKit.Input(PriorityId, texts.PriorityLabel, PrioritySelect(Priority(typed?.Priority) ?? options.DefaultPriority, texts), optional: false));

        if (services is not null)
        {
            blocks.Add((JsonNode)ServiceBlock(services, department, typed?.Service, texts));
        }

        // Exactly the chosen department's fields; with none chosen yet, the ones every department asks for.
        foreach (var field in options.CustomFields.Where(f => department is null ? f.DepartmentIds.Count == 0 : f.AppliesTo(department.Id)))
        {
            var id = CustomFieldBlockId(field.Id);
            var input = TextInput(id, typed?.CustomFields.GetValueOrDefault(field.Id), BlockKit.MaxPlainTextInputLength, multiline: false);
            blocks.Add((JsonNode)BlockKit.Input(id, field.DisplayLabel(texts.Culture), input, optional: !field.Required));
        }

        var messageFiles = prefill.MessageFiles.Take(SlackMaxFiles).ToList();
        if (messageFiles.Count > 0)
        {
            var choices = new JsonArray(messageFiles.Select(f => (JsonNode)BlockKit.Option(FileLabel(f), f.Id)).ToArray());
            var ticked = typed?.MessageFiles is { } selected ? messageFiles.Where(f => selected.Contains(f.Id)).ToList() : messageFiles;
            var checkboxes = new JsonObject { ["type"] = "checkboxes", ["action_id"] = MessageFilesId, ["options"] = choices };
            if (ticked.Count > 0)
            {
                checkboxes["initial_options"] = new JsonArray(ticked.Select(f => (JsonNode)BlockKit.Option(FileLabel(f), f.Id)).ToArray());
            }

            blocks.Add((JsonNode)BlockKit.Input(MessageFilesId, texts.MessageFilesLabel, checkboxes, optional: true, texts.MessageFilesHint));
        }

        var maxUploads = Math.Min(options.MaxFiles, SlackMaxFiles);
        if (maxUploads > 0)
        {
            var fileInput = new JsonObject { ["type"] = "file_input", ["action_id"] = FilesId, ["max_files"] = maxUploads };
            blocks.Add((JsonNode)BlockKit.Input(FilesId, texts.FilesLabel, fileInput, optional: true, texts.Format(texts.FilesHintFormat, options.MaxFiles)));
        }

        return BlockKit.Modal(CallbackId, texts.ModalTitle, texts.Submit, texts.Cancel, prefill.Metadata.Serialize(), blocks);
    }

    /// <summary>
    /// The service typeahead (options from <c>/slack/options</c>). Required (client side too) only where the department
    /// asks for a service and there are services to choose from: with none known the form must still submit.
    /// </summary>
    private static JsonObject ServiceBlock(ServiceField services, DepartmentOption? department, SelectedOption? chosen, SlackTexts texts)
    {
        var serviceTexts = ServiceTexts.For(texts.Culture);
        var select = new JsonObject
        {
            ["type"] = "external_select",
            ["action_id"] = ServiceId,
            ["placeholder"] = BlockKit.PlainText(serviceTexts.Placeholder),
            ["min_query_length"] = 0,
        };
        if (chosen is { Value: { Length: > 0 } value, Text.Text: { Length: > 0 } label } && value != AccountService.NoneValue)
        {
            select["initial_option"] = BlockKit.Option(label, value);
        }

        var required = services.IsRequiredFor(department);
        return BlockKit.Input(ServiceId, serviceTexts.Label, select, optional: !required, required ? serviceTexts.RequiredHint : serviceTexts.OptionalHint);
    }

    private static DepartmentOption? ChosenDepartment(string? value, TicketsOptions options) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? options.Departments.FirstOrDefault(d => d.Id == id)
            : options.Departments.Count == 1 ? options.Departments[0] : null;

    private static TicketPriority? Priority(string? value) =>
        Enum.TryParse<TicketPriority>(value, ignoreCase: false, out var priority) && Enum.IsDefined(priority) ? priority : null;

    public static TicketModalResult Parse(
        SubmittedView view, TicketModalMetadata metadata, string? fullMessage, Requester requester, TicketsOptions options, SlackTexts texts)
    {
        var values = view.State?.Values ?? NoValues;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);

        var departmentValue = Value(values, DepartmentId)?.SelectedOption?.Value;
        var department = int.TryParse(departmentValue, NumberStyles.None, CultureInfo.InvariantCulture, out var departmentId)
            ? options.Departments.FirstOrDefault(d => d.Id == departmentId)
            : null;
        if (department is null)
        {
            errors[DepartmentId] = texts.DepartmentRequired;
        }

        var subject = Value(values, SubjectId)?.Value?.Trim() ?? "";
        if (subject.Length == 0)
        {
            errors[SubjectId] = texts.SubjectRequired;
        }

        var message = Value(values, MessageId)?.Value ?? "";
        if (fullMessage is not null && metadata.ShownMessageHash is not null && Hash(message) == metadata.ShownMessageHash)
        {
            message = fullMessage;
        }

        if (message.Trim().Length == 0)
        {
            errors[MessageId] = texts.MessageRequired;
        }

        var priority = Enum.TryParse<TicketPriority>(Value(values, PriorityId)?.SelectedOption?.Value, ignoreCase: false, out var chosen)
            && Enum.IsDefined(chosen) ? chosen : options.DefaultPriority;

        var customFields = new Dictionary<int, string>();
        foreach (var field in options.CustomFields)
        {
            var text = Value(values, CustomFieldBlockId(field.Id))?.Value?.Trim();
            var applies = department is not null && field.AppliesTo(department.Id);
            if (!string.IsNullOrEmpty(text) && applies)
            {
                customFields[field.Id] = text;
            }
            else if (field.Required && applies)
            {
                errors[CustomFieldBlockId(field.Id)] = texts.FieldRequired;
            }
        }

        var files = new List<FileReference>();
        foreach (var option in Value(values, MessageFilesId)?.SelectedOptions ?? [])
        {
            files.Add(new FileReference(option.Text?.Text ?? option.Value, null, option.Value));
        }

        foreach (var file in Value(values, FilesId)?.Files ?? [])
        {
            files.Add(new FileReference(file.Name ?? file.Title ?? file.Id, file.Size, file.Id));
        }

        if (files.Count > options.MaxFiles)
        {
            errors[FileErrorBlockId(options)] = texts.Format(texts.TooManyFilesFormat, options.MaxFiles);
        }

        if (errors.Count > 0 || department is null)
        {
            return new TicketModalResult(null, errors);
        }

        var replyTo = new SlackReplyTarget(metadata.Kind, metadata.Channel, metadata.ThreadTs).Serialize();
        // Checked against the account's own services on accept: any value that is not one of ours is refused there.
        var serviceId = AccountService.ServiceIdFromValue(Value(values, ServiceId)?.SelectedOption?.Value);
        var draft = new TicketDraft(department.Id, subject, message, priority, serviceId, null, customFields, files, requester, replyTo);
        return new TicketModalResult(draft, errors);
    }

    /// <summary>
    /// The block that shows a pipeline error about <paramref name="field"/> (one of <see cref="TicketFields"/>);
    /// <paramref name="hasServiceBlock"/> says whether the submitted view had the service field (a guest's has none).
    /// </summary>
    public static string BlockIdFor(string field, TicketsOptions options, bool hasServiceBlock = false) => field switch
    {
        TicketFields.Department => DepartmentId,
        TicketFields.Subject => SubjectId,
        TicketFields.Priority => PriorityId,
        TicketFields.Files => FileErrorBlockId(options),
        TicketFields.Service or TicketFields.Domain when hasServiceBlock => ServiceId,
        _ when field.StartsWith("customfield:", StringComparison.Ordinal) => CustomFieldPrefix + field["customfield:".Length..],
        // Service, domain and anything new have no input of their own here; the message block always exists.
        _ => MessageId,
    };

    public static string CustomFieldBlockId(int id) => CustomFieldPrefix + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The hash that tells whether the user submitted the cut message exactly as shown.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    private static string FileErrorBlockId(TicketsOptions options) => options.MaxFiles > 0 ? FilesId : MessageFilesId;

    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, ViewStateValue>> NoValues =
        new Dictionary<string, IReadOnlyDictionary<string, ViewStateValue>>();

    private static ViewStateValue? Value(IReadOnlyDictionary<string, IReadOnlyDictionary<string, ViewStateValue>> values, string id) =>
        values.TryGetValue(id, out var block) && block.TryGetValue(id, out var value) ? value : null;

    private static JsonObject TextInput(string actionId, string? initial, int maxLength, bool multiline)
    {
        var input = new JsonObject { ["type"] = "plain_text_input", ["action_id"] = actionId, ["multiline"] = multiline, ["max_length"] = maxLength };
        if (!string.IsNullOrEmpty(initial))
        {
            input["initial_value"] = BlockKit.Prefix(initial, maxLength);
        }

        return input;
    }

    private static JsonObject DepartmentSelect(TicketsOptions options, SlackTexts texts, DepartmentOption? chosen)
    {
        var choices = options.Departments.Take(BlockKit.MaxOptions)
            .Select(d => (JsonNode)BlockKit.Option(d.DisplayName(texts.Culture), d.Id.ToString(CultureInfo.InvariantCulture)));
        var select = new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = DepartmentId,
            ["placeholder"] = BlockKit.PlainText(texts.DepartmentPlaceholder),
            ["options"] = new JsonArray(choices.ToArray()),
        };
        if (chosen is not null)
        {
            select["initial_option"] = BlockKit.Option(chosen.DisplayName(texts.Culture), chosen.Id.ToString(CultureInfo.InvariantCulture));
        }

        return select;
    }

    private static JsonObject PrioritySelect(TicketPriority initial, SlackTexts texts)
    {
        var choices = Enum.GetValues<TicketPriority>().Select(p => (JsonNode)BlockKit.Option(texts.PriorityText(p), p.ToString()));
        return new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = PriorityId,
            ["options"] = new JsonArray(choices.ToArray()),
            ["initial_option"] = BlockKit.Option(texts.PriorityText(initial), initial.ToString()),
        };
    }

    /// <summary>Option texts stop at 75 chars; the name comes back from the option on submit, so the extension must survive a cut.</summary>
    internal static string FileLabel(SlackFile file)
    {
        var name = file.Name ?? file.Title ?? file.Id;
        if (name.Length <= BlockKit.MaxOptionTextLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        extension = extension.Length > 20 ? "" : extension;
        return BlockKit.Cut(name, BlockKit.MaxOptionTextLength - extension.Length) + extension;
    }
}

/// <summary>What the modal opens with: empty for /ticket, the message for the shortcut.</summary>
public sealed record TicketModalPrefill(string? Subject, string? Message, IReadOnlyList<SlackFile> MessageFiles, TicketModalMetadata Metadata);

/// <summary><see cref="Draft"/> when valid; otherwise <see cref="Errors"/> keyed by block id, localized.</summary>
public sealed record TicketModalResult(TicketDraft? Draft, IReadOnlyDictionary<string, string> Errors);
