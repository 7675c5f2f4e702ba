using System.Data.Common;
using ChatBot.Storage;

namespace ChatBot.Sync;

/// <summary>One row of <c>ticket_sync</c>: a ticket the sync follows, and what it last saw of it.</summary>
/// <param name="Announcement">Where the announcing message is (channel-owned); null when the channel could not say.</param>
/// <param name="OpenedAt">When open-ticket answered, on our clock: with the ticket's own date it tells Keliweb's clock offset.</param>
/// <param name="Status">The status Keliweb last gave.</param>
/// <param name="StatusShown">The status the announcing message shows.</param>
/// <param name="LastReplyId">Every reply up to this id is handled; null before the first look.</param>
/// <param name="ClockOffsetMinutes">Keliweb's dates minus UTC, learned at the first look; null when unknown.</param>
/// <param name="LastActivityAt">The last reply or status change seen (or the announcement): what keeps the ticket active.</param>
/// <param name="LastUpdateAt">Keliweb's last reply time, in UTC, for lists.</param>
/// <param name="Interval">The current poll interval: active, or doubling towards idle.</param>
/// <param name="NextPollAt">Null once the ticket is no longer followed.</param>
/// <param name="ClosedAt">When it was first seen Closed; it is followed for a week after.</param>
/// <param name="Failures">get-ticket failures in a row.</param>
public sealed record FollowedTicket(
    string SubmissionId,
    string Platform,
    string TeamId,
    string UserId,
    string AccountId,
    int TicketId,
    string Tid,
    string? Announcement,
    DateTimeOffset OpenedAt,
    DateTimeOffset AnnouncedAt,
    string? Status,
    string? StatusShown,
    long? LastReplyId,
    int? ClockOffsetMinutes,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? LastUpdateAt,
    TimeSpan Interval,
    DateTimeOffset? NextPollAt,
    DateTimeOffset? ClosedAt,
    int Failures,
    string? LastError)
{
    /// <summary>Read by position in <see cref="Read"/>: keep the two in the same order.</summary>
    internal const string Columns =
        """
        submission_id, platform, team_id, user_id, account_id, ticket_id, tid, announcement, opened_at, announced_at, status, status_shown,
        last_reply_id, clock_offset_minutes, last_activity_at, last_update_at, interval_ms, next_poll_at, closed_at, failures, last_error
        """;

    internal static FollowedTicket Read(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        r.GetString(4),
        checked((int)r.GetInteger(5)),
        r.GetString(6),
        r.GetNullableString(7),
        At(r.GetInteger(8)),
        At(r.GetInteger(9)),
        r.GetNullableString(10),
        r.GetNullableString(11),
        r.GetNullableInteger(12),
        r.GetNullableInt32(13),
        At(r.GetInteger(14)),
        r.GetNullableInteger(15) is { } update ? At(update) : null,
        TimeSpan.FromMilliseconds(r.GetInteger(16)),
        r.GetNullableInteger(17) is { } next ? At(next) : null,
        r.GetNullableInteger(18) is { } closed ? At(closed) : null,
        checked((int)r.GetInteger(19)),
        r.GetNullableString(20));

    private static DateTimeOffset At(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
