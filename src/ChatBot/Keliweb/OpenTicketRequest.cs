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
    /// <summary>When the ticket was opened, <c>Y-m-d H:i:s</c> on Keliweb's clock (WHMCS says no time zone).</summary>
    public string? Date { get; init; }

    /// <summary>When it was last replied to, on Keliweb's clock.</summary>
    public string? LastReply { get; init; }

    /// <summary>The conversation, oldest first: the opening message (reply id 0), then every reply.</summary>
    public IReadOnlyList<KeliwebTicketReply> Replies { get; init; } = [];

    public override string ToString() => $"KeliwebTicket {{ Id = {Id}, Tid = {Tid}, C = ***, Status = {Status}, DeptId = {DeptId}, Replies = {Replies.Count} }}";
}
