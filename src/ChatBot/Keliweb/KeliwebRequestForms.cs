namespace ChatBot.Keliweb;

/// <summary>
/// The form of each API method, and the checks done before sending. A request that fails a check is not sent and
/// comes back as <see cref="KeliwebResult{T}.ApiError"/> whose message starts with <see cref="InvalidRequestPrefix"/>:
/// final, like Keliweb's own refusal would be, so the pipeline reports it instead of retrying.
/// </summary>
internal static class KeliwebRequestForms
{
    public const string InvalidRequestPrefix = "Invalid request, not sent: ";

    private static readonly string[] Priorities = ["Low", "Medium", "High"];

    /// <summary>Why the request cannot be sent, or null.</summary>
    public static string? Problem(OpenTicketRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Subject) || string.IsNullOrWhiteSpace(request.Message))
        {
            return InvalidRequestPrefix + "subject and message are required.";
        }

        if (request.ContactId is not null && request.ClientId is null)
        {
            return InvalidRequestPrefix + "contactid is only allowed together with clientid.";
        }

        if (request.ServiceId is not null && request.DomainId is not null)
        {
            return InvalidRequestPrefix + "only one of serviceid and domainid may be given.";
        }

        // WHMCS silently turns an unknown priority into Low, so an invalid one must not reach it.
        if (request.Priority is not null && !Priorities.Contains(request.Priority, StringComparer.Ordinal))
        {
            return InvalidRequestPrefix + $"priority must be Low, Medium or High, not '{request.Priority}'.";
        }

        return AttachmentProblem(request.Attachments);
    }

    public static string? Problem(AddTicketReplyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Message))
        {
            return InvalidRequestPrefix + "message is required.";
        }

        if (request.ContactId is not null && request.ClientId is null)
        {
            return InvalidRequestPrefix + "contactid is only allowed together with clientid.";
        }

        return AttachmentProblem(request.Attachments);
    }

    public static KeliwebFormContent Build(OpenTicketRequest request) =>
        new KeliwebFormContent()
            .Field("deptid", request.DeptId)
            .Field("subject", request.Subject)
            .Field("message", request.Message)
            .Field("clientid", request.ClientId)
            .Field("contactid", request.ContactId)
            .Field("name", request.Name)
            .Field("email", request.Email)
            .Field("serviceid", request.ServiceId)
            .Field("domainid", request.DomainId)
            .Field("priority", request.Priority)
            .Field("markdown", request.Markdown)
            .CustomFields(request.CustomFields)
            .Attachments(request.Attachments);

    public static KeliwebFormContent Build(AddTicketReplyRequest request) =>
        new KeliwebFormContent()
            .Field("ticketid", request.TicketId)
            .Field("message", request.Message)
            .Field("markdown", request.Markdown)
            .Field("clientid", request.ClientId)
            .Field("contactid", request.ContactId)
            .Field("name", request.Name)
            .Field("email", request.Email)
            .CustomFields(request.CustomFields)
            .Attachments(request.Attachments);

    public static KeliwebFormContent BuildGetTicket(int? ticketId, string? ticketNumber) =>
        new KeliwebFormContent()
            .Field("ticketid", ticketId)
            .Field("ticketnum", ticketId is null ? ticketNumber : null);

    public static KeliwebFormContent BuildGetClientsProducts(int? clientId, int limitStart, int limitNum) =>
        new KeliwebFormContent()
            .Field("clientid", clientId)
            .Field("limitstart", limitStart)
            .Field("limitnum", limitNum);

    private static string? AttachmentProblem(IReadOnlyList<AttachmentFile>? files)
    {
        var missing = files?.FirstOrDefault(file => !File.Exists(file.Path));
        return missing is null ? null : InvalidRequestPrefix + $"attachment file '{missing.Name}' does not exist.";
    }
}
