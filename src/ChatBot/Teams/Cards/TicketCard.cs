using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Tickets;
using ChatBot.Tickets.Services;

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
    public const string ServiceId = "service";
    public const string CustomFieldPrefix = "customfield_";

    /// <summary>Data member saying which action a submission is; Action.Submit data merges with the inputs.</summary>
    public const string ActionKey = "chatbotAction";
    public const string SubmitVerb = "submitTicket";
    public const string ResubmitVerb = "resubmitTicket";

    /// <summary>The department step's "Next": the answer is the form for the chosen department.</summary>
    public const string ChooseDepartmentVerb = "chooseDepartment";

    /// <summary>Data member naming the department whose fields the form shows.</summary>
    public const string FormDepartmentKey = "formDepartment";

    /// <summary>A long list is searched by typing; the first hundred are plenty to scroll.</summary>
    public const int MaxServiceChoices = 100;

    public const int MaxServiceLabelLength = 120;
    public const string SubmissionIdKey = "submissionId";

    /// <summary>Data member carrying the protected file locators of the message that asked for the card.</summary>
    public const string FilesKey = "files";

    public const int SubjectMaxLength = 250;

    public static string CustomFieldId(int id) => CustomFieldPrefix + id.ToString(CultureInfo.InvariantCulture);

    public static JsonObject Build(
        TicketsOptions tickets, TeamsTexts texts, TicketCardValues values, TicketCardSubmit submit,
        IReadOnlyList<FieldError>? errors = null, string? protectedFiles = null, string? note = null, ServiceField? services = null)
    {
        var department = ChosenDepartment(values, tickets);
        if (department is null && NeedsDepartmentFirst(tickets))
        {
            return DepartmentStep(tickets, texts, values, submit, errors, protectedFiles, note);
        }

        var body = new JsonArray(CardElements.Heading(texts.CardTitle));
        if (note is not null)
        {
            body.Add((JsonNode)CardElements.Text(note, subtle: true));
        }

        AddInput(body, DepartmentChoice(tickets, texts, department?.Id.ToString(CultureInfo.InvariantCulture) ?? values.Department), errors, TicketFields.Department);
        AddInput(body, CardElements.TextInput(SubjectId, texts.SubjectLabel, values.Subject, texts.SubjectRequired, multiline: false, SubjectMaxLength), errors, TicketFields.Subject);
        AddInput(body, CardElements.TextInput(MessageId, texts.MessageLabel, values.Message, texts.MessageRequired, multiline: true), errors, TicketFields.Message);
        var priorities = new JsonArray(
            CardElements.Choice(texts.PriorityLow, nameof(TicketPriority.Low)),
            CardElements.Choice(texts.PriorityMedium, nameof(TicketPriority.Medium)),
            CardElements.Choice(texts.PriorityHigh, nameof(TicketPriority.High)));
        AddInput(body, CardElements.ChoiceSet(PriorityId, texts.PriorityLabel, priorities, values.Priority ?? tickets.DefaultPriority.ToString(), texts.PriorityInvalid), errors, TicketFields.Priority);
        var serviceShown = AddService(body, texts, values, services, department, errors);

        // Exactly the chosen department's fields (with none chosen, the ones every department asks for).
        foreach (var field in tickets.CustomFields.Where(f => department is null ? f.DepartmentIds.Count == 0 : f.AppliesTo(department.Id)))
        {
            var label = field.DisplayLabel(texts.Culture);
            var input = CardElements.TextInput(
                CustomFieldId(field.Id), label, values.CustomFields.GetValueOrDefault(field.Id), field.Required ? texts.Format(texts.CustomFieldRequired, label) : null, multiline: false);
            AddInput(body, input, errors, TicketFields.CustomField(field.Id));
        }

        foreach (var error in errors ?? [])
        {
            if (error.Field is TicketFields.Files || (!serviceShown && error.Field is TicketFields.Service or TicketFields.Domain))
            {
                body.Add((JsonNode)CardElements.Text(error.Message, attention: true));
            }
        }

        var data = new JsonObject { [ActionKey] = SubmitVerb };
        if (protectedFiles is not null)
        {
            data[FilesKey] = protectedFiles;
        }

        if (department is not null)
        {
            data[FormDepartmentKey] = department.Id.ToString(CultureInfo.InvariantCulture);
        }

        return CardElements.Card(body, CardElements.Action(submit, texts.Submit, SubmitVerb, data, validatesInputs: true));
    }

    /// <summary>
    /// Whether a submitted card must come back for its department instead of being sent: the department step's "Next",
    /// or a department changed on a form that shows another department's fields (Adaptive Cards 1.5 cannot show
    /// inputs depending on another input's value). A card without <see cref="FormDepartmentKey"/> (one sent before
    /// the department step existed) is submitted as it is: the pipeline checks the fields per department anyway.
    /// </summary>
    public static bool NeedsDepartmentForm(TicketCardValues values, TicketsOptions tickets) =>
        ChosenDepartment(values, tickets) is { } department
        && (values.Action == ChooseDepartmentVerb
            || (NeedsDepartmentFirst(tickets) && values.FormDepartment is { } shown && shown != department.Id.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The note to show on the form that <see cref="NeedsDepartmentForm"/> brought back; null after the department step.</summary>
    public static string? DepartmentFormNote(TicketCardValues values, TicketsOptions tickets, TeamsTexts texts) =>
        values.FormDepartment is null || ChosenDepartment(values, tickets) is not { } department
            ? null
            : texts.Format(DepartmentStepTexts.For(texts).Changed, department.DisplayName(texts.Culture));

    /// <summary>Departments differ in what they ask for: the form must know the department before it shows its fields.</summary>
    public static bool NeedsDepartmentFirst(TicketsOptions tickets) =>
        tickets.Departments.Count > 1
        && (tickets.CustomFields.Any(f => f.DepartmentIds.Count > 0) || tickets.Departments.Select(d => d.RequiresService).Distinct().Count() > 1);

    private static DepartmentOption? ChosenDepartment(TicketCardValues values, TicketsOptions tickets) =>
        tickets.Departments.Count == 1 && string.IsNullOrEmpty(values.Department)
            ? tickets.Departments[0]
            : int.TryParse(values.Department, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? tickets.Departments.Find(d => d.Id == id) : null;

    private static JsonObject DepartmentChoice(TicketsOptions tickets, TeamsTexts texts, string? value)
    {
        var departments = new JsonArray();
        foreach (var department in tickets.Departments)
        {
            departments.Add((JsonNode)CardElements.Choice(department.DisplayName(texts.Culture), department.Id.ToString(CultureInfo.InvariantCulture)));
        }

        return CardElements.ChoiceSet(DepartmentId, texts.DepartmentLabel, departments, value, texts.DepartmentRequired);
    }

    /// <summary>The first step when departments differ: the department alone; what was prefilled rides along in the data.</summary>
    private static JsonObject DepartmentStep(
        TicketsOptions tickets, TeamsTexts texts, TicketCardValues values, TicketCardSubmit submit, IReadOnlyList<FieldError>? errors, string? protectedFiles, string? note)
    {
        var step = DepartmentStepTexts.For(texts);
        var body = new JsonArray(CardElements.Heading(texts.CardTitle));
        if (note is not null)
        {
            body.Add((JsonNode)CardElements.Text(note, subtle: true));
        }

        body.Add((JsonNode)CardElements.Text(step.ChooseFirst));
        AddInput(body, DepartmentChoice(tickets, texts, values.Department), errors, TicketFields.Department);
        var data = new JsonObject { [ActionKey] = ChooseDepartmentVerb };
        foreach (var (key, value) in new[] { (SubjectId, values.Subject), (MessageId, values.Message), (PriorityId, values.Priority) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                data[key] = value;
            }
        }

        if (protectedFiles is not null)
        {
            data[FilesKey] = protectedFiles;
        }

        return CardElements.Card(body, CardElements.Action(submit, step.Next, ChooseDepartmentVerb, data, validatesInputs: true));
    }

    /// <summary>The service choice, when the form has one; false when it shows no input for a service error to sit under.</summary>
    private static bool AddService(JsonArray body, TeamsTexts texts, TicketCardValues values, ServiceField? services, DepartmentOption? department, IReadOnlyList<FieldError>? errors)
    {
        if (services is null)
        {
            return false;
        }

        var serviceTexts = ServiceTexts.For(texts.Culture);
        if (!services.Services.Known)
        {
            body.Add((JsonNode)CardElements.Text(serviceTexts.UnavailableNote, subtle: true));
            return false;
        }

        if (!services.Services.HasServices)
        {
            return false;
        }

        var choices = new JsonArray();
        foreach (var service in services.Services.Search(null, MaxServiceChoices))
        {
            choices.Add((JsonNode)CardElements.Choice(service.Label(serviceTexts, MaxServiceLabelLength), service.Value));
        }

        var required = services.IsRequiredFor(department);
        var input = CardElements.FilteredChoiceSet(
            ServiceId, serviceTexts.Label, choices, values.Service, serviceTexts.Placeholder, required ? serviceTexts.RequiredHint : null);
        AddInput(body, input, errors, TicketFields.Service);
        foreach (var error in errors ?? [])
        {
            if (error.Field == TicketFields.Domain)
            {
                body.Add((JsonNode)CardElements.Text(error.Message, attention: true));
            }
        }

        return true;
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

        // Checked against the account's services on accept: the card cannot know whether the value is one of them.
        var serviceId = AccountService.ServiceIdFromValue(values.Service);
        return new TicketCardParse.Valid(new TicketDraft(
            departmentId, values.Subject!.Trim(), values.Message!.Trim(), priority, serviceId, null, custom, files, requester, replyTo));
    }

    /// <summary>The id the card uses for a pipeline field, to put its error under the right input.</summary>
    public static string? InputIdFor(string field) => field switch
    {
        TicketFields.Department => DepartmentId,
        TicketFields.Subject => SubjectId,
        TicketFields.Message => MessageId,
        TicketFields.Priority => PriorityId,
        TicketFields.Service or TicketFields.Domain => ServiceId,
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
