using System.Data.Common;
using System.Text.Json;
using ChatBot.Storage;

namespace ChatBot.Tickets;

/// <summary>A submission as the database holds it (Unix-millisecond times, 0/1 flags): the columns to select, and how to read them back.</summary>
internal static class SubmissionRow
{
    /// <summary>Read by position in <see cref="Read"/>: keep the two in the same order.</summary>
    public const string Columns =
        """
        s.id, s.idempotency_key, s.state, s.draft, s.account_id, s.client_id, s.contact_id, s.guest, s.attempts,
        s.next_attempt_at, s.notice_due, s.queued_noticed, s.progress, s.last_error, s.created_at, s.updated_at,
        t.ticket_id, t.tid, t.access_key, s.trace_parent
        """;

    public static Submission Read(DbDataReader r)
    {
        var progress = r.GetNullableString(12);
        var ticketId = r.GetNullableInt32(16);
        return new Submission(
            r.GetString(0),
            r.GetString(1),
            Enum.Parse<SubmissionState>(r.GetString(2)),
            JsonSerializer.Deserialize(r.GetString(3), TicketsJsonContext.Default.TicketDraft)!,
            r.GetNullableString(4),
            r.GetNullableInt32(5),
            r.GetNullableInt32(6),
            r.GetInteger(7) == 1,
            (int)r.GetInteger(8),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInteger(9)),
            r.GetInteger(10) == 1,
            r.GetInteger(11) == 1,
            progress is null ? SubmissionProgress.Empty : JsonSerializer.Deserialize(progress, TicketsJsonContext.Default.SubmissionProgress)!,
            r.GetNullableString(13),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInteger(14)),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInteger(15)),
            ticketId is { } id ? new OpenedTicketInfo(id, r.GetString(17), r.GetString(18)) : null,
            r.GetNullableString(19));
    }
}
