namespace ChatBot.Tickets;

/// <summary>What <see cref="TicketIntake.AcceptAsync"/> answers, inside the platform's request.</summary>
public abstract record AcceptOutcome
{
    private AcceptOutcome()
    {
    }

    /// <summary>Stored (or already stored under the same idempotency key: <paramref name="Duplicate"/>).</summary>
    public sealed record Accepted(string SubmissionId, bool Duplicate, SubmissionState State) : AcceptOutcome;

    /// <summary>The draft breaks configuration rules; nothing was stored. Messages are localized.</summary>
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : AcceptOutcome;

    /// <summary>No account opens tickets for this user and guests are not allowed; nothing was stored.</summary>
    public sealed record NotLinked(TicketNotice Notice) : AcceptOutcome;
}

/// <summary>A localized validation message for one form field; <see cref="Field"/> is one of <see cref="TicketFields"/>.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Field names shared by the pipeline's validation and the forms that map them to their own ids.</summary>
public static class TicketFields
{
    public const string Department = "department";
    public const string Subject = "subject";
    public const string Message = "message";
    public const string Priority = "priority";
    public const string Service = "service";
    public const string Domain = "domain";
    public const string Files = "files";

    /// <summary>"customfield:12" for custom field 12.</summary>
    public static string CustomField(int id) => "customfield:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
