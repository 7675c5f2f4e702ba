using System.Text.Json;

namespace ChatBot.Tickets;

/// <summary>The submissions table as Dapper reads it (columns aliased to these names; Unix-millisecond times, 0/1 flags).</summary>
internal sealed class SubmissionRow
{
    public string Id { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public string State { get; set; } = "";
    public string Draft { get; set; } = "";
    public string? AccountId { get; set; }
    public int? ClientId { get; set; }
    public int? ContactId { get; set; }
    public int Guest { get; set; }
    public int Attempts { get; set; }
    public long NextAttemptAt { get; set; }
    public int NoticeDue { get; set; }
    public int QueuedNoticed { get; set; }
    public string? Progress { get; set; }
    public string? LastError { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
    public int? TicketId { get; set; }
    public string? Tid { get; set; }
    public string? AccessKey { get; set; }

    public Submission ToSubmission() => new(
        Id,
        IdempotencyKey,
        Enum.Parse<SubmissionState>(State),
        JsonSerializer.Deserialize(Draft, TicketsJsonContext.Default.TicketDraft)!,
        AccountId,
        ClientId,
        ContactId,
        Guest == 1,
        Attempts,
        DateTimeOffset.FromUnixTimeMilliseconds(NextAttemptAt),
        NoticeDue == 1,
        QueuedNoticed == 1,
        Progress is null ? SubmissionProgress.Empty : JsonSerializer.Deserialize(Progress, TicketsJsonContext.Default.SubmissionProgress)!,
        LastError,
        DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
        DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt),
        TicketId is { } ticketId ? new OpenedTicketInfo(ticketId, Tid!, AccessKey!) : null);
}
