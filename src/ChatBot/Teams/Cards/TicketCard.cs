using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Tickets;

namespace ChatBot.Teams.Cards;

/// <summary>
/// The ticket form as an Adaptive Card 1.5 (the highest Teams renders for bots and message extensions), defined
/// once: its ids, <see cref="Build"/> and <see cref="Parse"/>. The chat card submits with <c>Action.Execute</c>
/// (falling back to <c>Action.Submit</c>); the message-action dialog must use <c>Action.Submit</c>.
/// </summary>
public static class TicketCard
{
    public const string DepartmentId = "department";
    public const string SubjectId = "subject";
    public const string MessageId = "message";
    public const string PriorityId = "priority";
    public const string CustomFieldPrefix = "customfield_";

    /// <summary>Data member saying which action a submission is; Action.Submit data merges with the inputs.</summary>
    public const string ActionKey = "chatbotAction";
    public const string SubmitVerb = "submitTicket";
    public const string ResubmitVerb = "resubmitTicket";
    public const string SubmissionIdKey = "submissionId";

    /// <summary>Data member carrying the protected file locators of the message that asked for the card.</summary>
    public const string FilesKey = "files";

    public const int SubjectMaxLength = 250;

    public static string CustomFieldId(int id) => CustomFieldPrefix + id.ToString(CultureInfo.InvariantCulture);

    public static JsonObject Build(
        TicketsOptions tickets, TeamsTexts texts, TicketCardValues values, TicketCardSubmit submit,
        IReadOnlyList<FieldError>? errors = null, string? protectedFiles = null, string? note = null)
    {
        var body = new JsonArray(CardElements.Heading(texts.CardTitle));
        if (note is not null)
        {
            body.Add((JsonNode)CardElements.Text(note, subtle: true));
        }

        var departments = new JsonArray();
        foreach (var department in tickets.Departments)
        {
            departments.Add((JsonNode)CardElements.Choice(department.DisplayName(texts.Culture), department.Id.ToString(CultureInfo.InvariantCulture)));
        }

        AddInput(body, CardElements.ChoiceSet(DepartmentId, texts.DepartmentLabel, departments, values.Department, texts.DepartmentRequired), errors, TicketFields.Department);
        AddInput(body, CardElements.TextInput(SubjectId, texts.SubjectLabel, values.Subject, texts.SubjectRequired, multiline: false, SubjectMaxLength), errors, TicketFields.Subject);
        AddInput(body, CardElements.TextInput(MessageId, texts.MessageLabel, values.Message, texts.MessageRequired, multiline: true), errors, TicketFields.Message);
        var priorities = new JsonArray(
            CardElements.Choice(texts.PriorityLow, nameof(TicketPriority.Low)),
            CardElements.Choice(texts.PriorityMedium, nameof(TicketPriority.Medium)),
            CardElements.Choice(texts.PriorityHigh, nameof(TicketPriority.High)));
        AddInput(body, CardElements.ChoiceSet(PriorityId, texts.PriorityLabel, priorities, values.Priority ?? tickets.DefaultPriority.ToString(), texts.PriorityInvalid), errors, TicketFields.Priority);

        foreach (var field in tickets.CustomFields)
        {
            var label = field.DisplayLabel(texts.Culture);
            var forAll = field.DepartmentIds.Count == 0;
            if (!forAll)
            {
                // Adaptive Cards 1.5 cannot show an input depending on another's value: name the departments instead.
                label += " (" + string.Join(", ", tickets.Departments.Where(d => field.AppliesTo(d.Id)).Select(d => d.DisplayName(texts.Culture))) + ")";
            }

            var input = CardElements.TextInput(
                CustomFieldId(field.Id), label, values.CustomFields.GetValueOrDefault(field.Id), field.Required && forAll ? texts.Format(texts.CustomFieldRequired, label) : null, multiline: false);
            AddInput(body, input, errors, TicketFields.CustomField(field.Id));
        }

        foreach (var error in errors ?? [])
        {
            if (error.Field is TicketFields.Files or TicketFields.Service or TicketFields.Domain)
            {
                body.Add((JsonNode)CardElements.Text(error.Message, attention: true));
            }
        }

        var data = new JsonObject { [ActionKey] = SubmitVerb };
        if (protectedFiles is not null)
        {
            data[FilesKey] = protectedFiles;
        }

        return CardElements.Card(body, CardElements.Action(submit, texts.Submit, SubmitVerb, data, validatesInputs: true));
    }

    /// <summary>The draft, or the values with localized errors to show the card again.</summary>
    public static TicketCardParse Parse(JsonElement? data, TicketsOptions tickets, TeamsTexts texts, Requester requester, string replyTo, IReadOnlyList<FileReference> files)
    {
        var values = TicketCardValues.From(data);
        var errors = new List<FieldError>();
        var departmentId = int.TryParse(values.Department, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
        if (string.IsNullOrWhiteSpace(values.Department))
        {
            errors.Add(new FieldError(TicketFields.Department, texts.DepartmentRequired));
        }
        else if (tickets.Departments.All(d => d.Id != departmentId))
        {
            errors.Add(new FieldError(TicketFields.Department, texts.DepartmentInvalid));
        }

        if (string.IsNullOrWhiteSpace(values.Subject))
        {
            errors.Add(new FieldError(TicketFields.Subject, texts.SubjectRequired));
        }

        if (string.IsNullOrWhiteSpace(values.Message))
        {
            errors.Add(new FieldError(TicketFields.Message, texts.MessageRequired));
        }

        var priority = tickets.DefaultPriority;
        if (!string.IsNullOrEmpty(values.Priority) && !Enum.GetNames<TicketPriority>().Contains(values.Priority, StringComparer.Ordinal))
        {
            // WHMCS turns an unknown priority into Low silently; only the exact names pass.
            errors.Add(new FieldError(TicketFields.Priority, texts.PriorityInvalid));
        }
        else if (!string.IsNullOrEmpty(values.Priority))
        {
            priority = Enum.Parse<TicketPriority>(values.Priority);
        }

        var custom = new Dictionary<int, string>();
        foreach (var field in tickets.CustomFields.Where(f => departmentId == 0 || f.AppliesTo(departmentId)))
        {
            var value = values.CustomFields.GetValueOrDefault(field.Id)?.Trim();
            if (!string.IsNullOrEmpty(value))
            {
                custom[field.Id] = value;
            }
            else if (field.Required)
            {
                errors.Add(new FieldError(TicketFields.CustomField(field.Id), texts.Format(texts.CustomFieldRequired, field.DisplayLabel(texts.Culture))));
            }
        }

        if (errors.Count > 0)
        {
            return new TicketCardParse.Invalid(values, errors);
        }

        return new TicketCardParse.Valid(new TicketDraft(
            departmentId, values.Subject!.Trim(), values.Message!.Trim(), priority, null, null, custom, files, requester, replyTo));
    }

    /// <summary>The id the card uses for a pipeline field, to put its error under the right input.</summary>
    public static string? InputIdFor(string field) => field switch
    {
        TicketFields.Department => DepartmentId,
        TicketFields.Subject => SubjectId,
        TicketFields.Message => MessageId,
        TicketFields.Priority => PriorityId,
        _ when field.StartsWith("customfield:", StringComparison.Ordinal) => CustomFieldPrefix + field["customfield:".Length..],
        _ => null,
    };

    private static void AddInput(JsonArray body, JsonObject input, IReadOnlyList<FieldError>? errors, string field)
    {
        body.Add((JsonNode)input);
        foreach (var error in errors ?? [])
        {
            if (error.Field == field)
            {
                body.Add((JsonNode)CardElements.Text(error.Message, attention: true));
            }
        }
    }
}

public enum TicketCardSubmit
{
    /// <summary>In a chat: <c>Action.Execute</c> (an <c>adaptiveCard/action</c> invoke), <c>Action.Submit</c> as fallback.</summary>
    Execute,

    /// <summary>In a message-action dialog: <c>Action.Submit</c> (a <c>composeExtension/submitAction</c> invoke).</summary>
    Submit,
}

public abstract record TicketCardParse
{
    private TicketCardParse()
    {
    }

    public sealed record Valid(TicketDraft Draft) : TicketCardParse;

    public sealed record Invalid(TicketCardValues Values, IReadOnlyList<FieldError> Errors) : TicketCardParse;
}
