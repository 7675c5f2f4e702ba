namespace ChatBot.Tests.StandIns;

// The JSON of keliweb.php's /__control/state (snake_case), mapped to the public records of KeliwebStandInRecords.cs.
internal sealed record KeliwebStandInState(
    List<StandInTicketState> Tickets, List<StandInReplyState> Replies, List<StandInTokenRequest> TokenRequests, Dictionary<string, int> Calls);

internal sealed record StandInCustomFieldState(int Id, string Value);

internal sealed record StandInTicketState(
    int Id, string Tid, string C, int Deptid, string Subject, string Message, int? Clientid, int? Contactid, string? Name, string? Email,
    int? Serviceid, int? Domainid, string? Priority, string EffectivePriority, bool? Markdown, string? MarkdownRaw,
    List<StandInCustomFieldState>? Customfields, bool CustomfieldsError, List<StandInAttachment> Attachments, bool AttachmentsError,
    string BearerToken, long ContentLength, List<string> PostedFields, string? TokenOwner = null)
{
    public StandInTicket ToRecord() => new(
        Id, Tid, C, Deptid, Subject, Message, Clientid, Contactid, Name, Email, Serviceid, Domainid, Priority, EffectivePriority,
        Markdown, MarkdownRaw, Customfields?.ToDictionary(f => f.Id, f => f.Value), CustomfieldsError, Attachments, AttachmentsError,
        BearerToken, ContentLength, PostedFields, TokenOwner);
}

internal sealed record StandInReplyState(
    int Id, int Ticketid, string Message, bool? Markdown, int? Clientid, int? Contactid, string? Name, string? Email,
    List<StandInCustomFieldState>? Customfields, bool CustomfieldsError, List<StandInAttachment> Attachments, bool AttachmentsError,
    string BearerToken, long ContentLength)
{
    public StandInReply ToRecord() => new(
        Id, Ticketid, Message, Markdown, Clientid, Contactid, Name, Email, Customfields?.ToDictionary(f => f.Id, f => f.Value),
        CustomfieldsError, Attachments, AttachmentsError, BearerToken, ContentLength);
}
