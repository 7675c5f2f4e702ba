using Microsoft.Extensions.Options;

namespace ChatBot.Tickets;

/// <summary>Checks a draft against configuration: the rules WHMCS would enforce silently or with an English error.</summary>
public sealed class TicketDraftValidator(IOptionsMonitor<TicketsOptions> options)
{
    /// <summary>WHMCS stores the subject in a varchar(255).</summary>
    public const int MaxSubjectLength = 255;

    public IReadOnlyList<FieldError> Validate(TicketDraft draft)
    {
        var o = options.CurrentValue;
        var texts = TicketTexts.For(draft.Requester.Locale);
        var errors = new List<FieldError>();
        if (!o.Departments.Exists(d => d.Id == draft.DepartmentId))
        {
            errors.Add(new(TicketFields.Department, texts.DepartmentUnknown));
        }

        if (string.IsNullOrWhiteSpace(draft.Subject))
        {
            errors.Add(new(TicketFields.Subject, texts.SubjectRequired));
        }
        else if (draft.Subject.Length > MaxSubjectLength)
        {
            errors.Add(new(TicketFields.Subject, texts.SubjectTooLong(MaxSubjectLength)));
        }

        if (string.IsNullOrWhiteSpace(draft.Message))
        {
            errors.Add(new(TicketFields.Message, texts.MessageRequired));
        }

        if (!Enum.IsDefined(draft.Priority))
        {
            errors.Add(new(TicketFields.Priority, texts.UnknownError));
        }

        if (draft.ServiceId is not null && draft.DomainId is not null)
        {
            errors.Add(new(TicketFields.Service, texts.ServiceAndDomain));
        }

        foreach (var field in o.CustomFields.Where(f => f.Required && f.AppliesTo(draft.DepartmentId)))
        {
            if (!draft.CustomFields.TryGetValue(field.Id, out var value) || string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new(TicketFields.CustomField(field.Id), texts.CustomFieldRequired(field.DisplayLabel(texts.Culture))));
            }
        }

        if (draft.Files.Count > o.MaxFiles)
        {
            errors.Add(new(TicketFields.Files, texts.TooManyFiles(o.MaxFiles)));
        }

        return errors;
    }

    /// <summary>Custom fields the department does not ask for are dropped rather than sent to a ticket that has no such field.</summary>
    public TicketDraft Normalize(TicketDraft draft)
    {
        var wanted = options.CurrentValue.CustomFields.Where(f => f.AppliesTo(draft.DepartmentId)).Select(f => f.Id).ToHashSet();
        var fields = draft.CustomFields
            .Where(kv => wanted.Contains(kv.Key) && !string.IsNullOrWhiteSpace(kv.Value))
            .ToDictionary(kv => kv.Key, kv => kv.Value.Trim());
        return draft with { Subject = draft.Subject.Trim(), CustomFields = fields };
    }
}
