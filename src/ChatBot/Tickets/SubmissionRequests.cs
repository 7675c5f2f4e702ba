using ChatBot.Keliweb;

namespace ChatBot.Tickets;

/// <summary>
/// The Keliweb requests a submission makes, in one place: a linked client's (clientid, contactid only with it) or a
/// guest's (name and verified email, no clientid).
/// </summary>
internal static class SubmissionRequests
{
    /// <param name="fileNote">What ends the message: which chat files are not attached (<see cref="FileNote"/>).</param>
    public static OpenTicketRequest OpenTicket(Submission s, IReadOnlyList<AttachmentFile>? attachments = null, string fileNote = "")
    {
        var draft = s.Draft;
        return new OpenTicketRequest(
            DeptId: draft.DepartmentId,
            Subject: draft.Subject,
            Message: draft.Message + fileNote,
            ClientId: s.Guest ? null : s.ClientId,
            ContactId: s.Guest || s.ClientId is null ? null : s.ContactId,
            Name: s.Guest ? draft.Requester.DisplayName : null,
            Email: s.Guest ? draft.Requester.Email : null,
            ServiceId: draft.ServiceId,
            DomainId: draft.ServiceId is null ? draft.DomainId : null,
            Priority: draft.Priority.ToString(),
            Markdown: true,
            CustomFields: draft.CustomFields.Count > 0 ? draft.CustomFields : null,
            Attachments: attachments);
    }

    public static AddTicketReplyRequest Reply(Submission s, int ticketId, string message, IReadOnlyList<AttachmentFile>? attachments = null) =>
        new(
            ticketId,
            message,
            ClientId: s.Guest ? null : s.ClientId,
            ContactId: s.Guest || s.ClientId is null ? null : s.ContactId,
            Name: s.Guest ? s.Draft.Requester.DisplayName : null,
            Email: s.Guest ? s.Draft.Requester.Email : null,
            Attachments: attachments);

    /// <summary>
    /// The reply used to size the budget of deferred attachments: the longest part label the user's language
    /// produces for up to 99 replies, on the largest ticket id.
    /// </summary>
    public static AddTicketReplyRequest LargestReply(Submission s) =>
        Reply(s, int.MaxValue, TicketTexts.For(s.Draft.Requester.Locale).ReplyWithFiles(99, 99));
}
