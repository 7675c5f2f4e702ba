namespace ChatBot.Tickets;

/// <summary>
/// The pipeline's own bookkeeping for one submission, stored as JSON beside the state: which files were fetched,
/// which went with open-ticket, which wait for a reply, which were skipped and why, and the outcome message.
/// </summary>
public sealed record SubmissionProgress
{
    public List<StagedFile> Files { get; init; } = [];

    /// <summary>The reply being sent when the process last wrote; if found again after a crash, its files are uncertain.</summary>
    public int? ReplyInFlight { get; init; }

    /// <summary>The final error for the user (API message, localized later), for Failed submissions.</summary>
    public string? FailureMessage { get; init; }

    /// <summary>True when the failure message came from Keliweb (translated if known, else passed through).</summary>
    public bool FailureFromApi { get; init; }

    /// <summary>Keliweb refused the account's login: the submission waits (Accepted) until someone signs it in again.</summary>
    public bool WaitingForSignIn { get; init; }

    /// <summary>The requester was told their sign-in expired; they are told once.</summary>
    public bool SignInNoticed { get; init; }

    public static SubmissionProgress Empty { get; } = new();
}

public enum StagedFileStatus
{
    /// <summary>Not fetched yet.</summary>
    Pending,
    /// <summary>On local disk, waiting to be sent.</summary>
    Ready,
    /// <summary>Sent with open-ticket.</summary>
    Attached,
    /// <summary>To be sent with add-ticket-reply number <see cref="StagedFile.Reply"/>.</summary>
    Deferred,
    /// <summary>Sent with a reply.</summary>
    AttachedInReply,
    Skipped,
}

public enum FileSkipReason
{
    None,
    TooLarge,
    TypeNotAllowed,
    DownloadFailed,
    NotAvailable,
    TooMany,
    /// <summary>The bot crashed while the reply carrying it was in flight: it may or may not be on the ticket.</summary>
    Uncertain,
    /// <summary>Keliweb refused the reply that carried it.</summary>
    Rejected,
}

/// <param name="Index">Position in <see cref="TicketDraft.Files"/>.</param>
/// <param name="Path">Local temporary file once fetched.</param>
/// <param name="Reply">For deferred files: which add-ticket-reply (1-based) carries it.</param>
public sealed record StagedFile(
    int Index,
    string Name,
    StagedFileStatus Status,
    long Size = 0,
    string? Path = null,
    FileSkipReason SkipReason = FileSkipReason.None,
    string? Detail = null,
    int Reply = 0);
