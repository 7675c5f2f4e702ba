namespace ChatBot.Keliweb;

/// <summary>Every parameter of APIv2 open-ticket (shared/keliweb/open-ticket.md). Null means "not sent".</summary>
public sealed record OpenTicketRequest(
    int DeptId,
    string Subject,
    string Message,
    int? ClientId = null,
    int? ContactId = null,
    string? Name = null,
    string? Email = null,
    int? ServiceId = null,
    int? DomainId = null,
    string? Priority = null,
    bool Markdown = true,
    IReadOnlyDictionary<int, string>? CustomFields = null,
    IReadOnlyList<AttachmentFile>? Attachments = null);

/// <summary>APIv2 add-ticket-reply.</summary>
public sealed record AddTicketReplyRequest(
    int TicketId,
    string Message,
    bool Markdown = true,
    int? ClientId = null,
    int? ContactId = null,
    string? Name = null,
    string? Email = null,
    IReadOnlyDictionary<int, string>? CustomFields = null,
    IReadOnlyList<AttachmentFile>? Attachments = null);

/// <summary>A file on local disk to send as an attachment; it is streamed, never loaded whole.</summary>
public sealed record AttachmentFile(string Name, string Path);

/// <summary>The success answer of open-ticket: internal id, public number, access key.</summary>
public sealed record OpenedTicket(int Id, string Tid, string C)
{
    // C with Tid opens the ticket to anyone: keep it out of logs that print the result.
    public override string ToString() => $"OpenedTicket {{ Id = {Id}, Tid = {Tid}, C = *** }}";
}

public sealed record TicketReplyAdded(int TicketId);

/// <summary>The fields of get-ticket the bot reads.</summary>
public sealed record KeliwebTicket(int Id, string Tid, string? C, string? Subject, string? Status, int? DeptId)
{
    public override string ToString() => $"KeliwebTicket {{ Id = {Id}, Tid = {Tid}, C = ***, Status = {Status}, DeptId = {DeptId} }}";
}
