using ChatBot.Linking.SignIn;

namespace ChatBot.Tickets;

public enum TicketNoticeKind
{
    /// <summary>Keliweb is unreachable; the submission waits in the outbox.</summary>
    Queued,
    Opened,
    Failed,
    /// <summary>The request may or may not have created a ticket; the user may submit again on purpose.</summary>
    Uncertain,
    NotLinked,
    /// <summary>The account's Keliweb login died: the submission waits for a new sign-in.</summary>
    SignInExpired,
}

/// <summary>
/// What the pipeline wants the requester to see, already localized. <see cref="PublicText"/> may be shown to
/// everyone in the conversation; <see cref="PrivateText"/> (with the ticket link, a bearer secret) only to the requester.
/// </summary>
/// <param name="SubmissionId">The outbox id, for a "submit again" action on uncertain results.</param>
/// <param name="TicketNumber">The public ticket number (tid) once opened.</param>
/// <param name="TicketUrl">The private client-area link; never to be posted in a shared conversation.</param>
/// <param name="Culture">The culture the texts are in ("en" or "it").</param>
/// <param name="SignIn">A sign-in link for the requester (a bearer secret like the ticket link): a button, only where they alone see it.</param>
/// <param name="ShortText">
/// The public text without the user's words (subject, file names), for a platform that refuses the full one for its
/// content: the conversation still learns the outcome.
/// </param>
public sealed record TicketNotice(
    TicketNoticeKind Kind,
    string SubmissionId,
    string Subject,
    string PublicText,
    string? PrivateText,
    string? TicketNumber,
    Uri? TicketUrl,
    string Culture,
    SignInLink? SignIn = null,
    string? ShortText = null)
{
    /// <summary>
    /// The ticket's current status line ("Status: Answered"), localized, once the sync has read it: the announcing
    /// message shows it, so the thread's first message always says where the ticket stands.
    /// </summary>
    public string? Status { get; init; }

    /// <summary>Only the requester's business: shown to them alone, nothing in the conversation.</summary>
    public bool IsPersonalOnly => Kind is TicketNoticeKind.NotLinked or TicketNoticeKind.SignInExpired;
}
