namespace ChatBot.Keliweb;

/// <summary>
/// One entry of get-ticket's <c>replies.reply[]</c>. <see cref="Admin"/> names the staff member for a staff reply and is
/// empty for the customer's own messages (the opening message is reply id 0).
/// </summary>
/// <param name="Message">As Keliweb stores it: Markdown, HTML or plain text, depending on how it was written.</param>
/// <param name="Attachments">File names as shown in the client area (WHMCS's storage prefix removed).</param>
/// <param name="Date"><c>Y-m-d H:i:s</c> on Keliweb's clock.</param>
public sealed record KeliwebTicketReply(long ReplyId, string Admin, string Name, string Message, IReadOnlyList<string> Attachments, string? Date)
{
    public bool IsStaff => Admin.Length > 0;
}
