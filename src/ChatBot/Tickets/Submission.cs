namespace ChatBot.Tickets;

/// <summary>One row of the outbox as the worker and the operator commands see it.</summary>
/// <param name="TraceParent">The W3C traceparent of the accept when it was traced: the worker's spans continue that trace.</param>
public sealed record Submission(
    string Id,
    string IdempotencyKey,
    SubmissionState State,
    TicketDraft Draft,
    string? AccountId,
    int? ClientId,
    int? ContactId,
    bool Guest,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    bool NoticeDue,
    bool QueuedNoticed,
    SubmissionProgress Progress,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    OpenedTicketInfo? Ticket,
    string? TraceParent = null);

/// <summary>What Keliweb answered to open-ticket: internal id, public number, access key.</summary>
public sealed record OpenedTicketInfo(int TicketId, string Tid, string AccessKey);
