using System.Data.Common;
using System.Text.Json;
using ChatBot.Storage;
using ChatBot.Tickets;

namespace ChatBot.Sync;

/// <summary>
/// The <c>ticket_sync</c> table and the thread keys that lead to it. Workers claim due tickets with a lease (SKIP
/// LOCKED on PostgreSQL), and every write is fenced by the lease owner, so one ticket is read and posted about by one
/// instance at a time.
/// </summary>
public sealed class FollowedTicketStore(Database database, TimeProvider time)
{
    private const string Due = "next_poll_at IS NOT NULL";

    private const string Save =
        """
        UPDATE ticket_sync SET status = @status, status_shown = @statusShown, last_reply_id = @lastReplyId, clock_offset_minutes = @offset,
            last_activity_at = @activity, last_update_at = @update, interval_ms = @interval, next_poll_at = @next, closed_at = @closed,
            failures = @failures, last_error = @error, updated_at = @now, lease_owner = NULL, lease_until = NULL
        WHERE submission_id = @id AND lease_owner = @owner
        """;

    /// <summary>Starts following a ticket, in the transaction that marks it announced; its thread keys lead here from now on.</summary>
    public async Task EnrollAsync(
        DbConnection connection, DbTransaction transaction, AnnouncedTicket announced, IReadOnlyList<string> threadKeys, CancellationToken cancellationToken)
    {
        var s = announced.Submission;
        var at = announced.At.ToUnixTimeMilliseconds();
        await connection.ExecuteAsync(
            new SqlStatement(
                """
                INSERT INTO ticket_sync (submission_id, platform, team_id, user_id, account_id, ticket_id, tid, announcement, opened_at,
                                         announced_at, last_activity_at, interval_ms, next_poll_at, created_at, updated_at)
                SELECT @id, @platform, @team, @user, @account, @ticketId, @tid, @announcement, opened_at, @at, @at, 0, @at, @at, @at
                FROM tickets WHERE submission_id = @id
                ON CONFLICT (submission_id) DO NOTHING
                """)
                .With("id", s.Id).With("platform", s.Draft.Requester.Platform).With("team", s.Draft.Requester.TenantId)
                .With("user", s.Draft.Requester.UserId).With("account", s.AccountId ?? "").With("ticketId", announced.Ticket.TicketId)
                .With("tid", announced.Ticket.Tid).With("announcement", announced.Announcement).With("at", at),
            cancellationToken,
            transaction);
        await AddThreadKeysAsync(connection, transaction, s.Id, threadKeys, at, cancellationToken);
    }

    /// <summary>Claims up to <paramref name="max"/> tickets due for a look, the longest due first.</summary>
    public async Task<IReadOnlyList<FollowedTicket>> ClaimAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = Now();
        var skipLocked = database.Provider == StorageProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        return await session.Connection.QueryAsync(
            new SqlStatement(
                $"""
                UPDATE ticket_sync SET lease_owner = @owner, lease_until = @until
                WHERE submission_id IN (
                    SELECT submission_id FROM ticket_sync
                    WHERE {Due} AND next_poll_at <= @now AND (lease_until IS NULL OR lease_until < @now)
                    ORDER BY next_poll_at LIMIT @max {skipLocked})
                RETURNING {FollowedTicket.Columns}
                """)
                .With("owner", owner).With("until", now + (long)lease.TotalMilliseconds).With("now", now).With("max", max),
            FollowedTicket.Read,
            cancellationToken);
    }

    /// <summary>On SQLite, where one instance runs: a killed process's leases are dropped at start instead of waited out.</summary>
    public async Task ReleaseAllLeasesAsync(CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        await session.Connection.ExecuteAsync("UPDATE ticket_sync SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL", cancellationToken);
    }

    /// <summary>When the next ticket is due (null: none is followed), so an idle worker sleeps exactly as long as it may.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ScalarAsync($"SELECT MIN(next_poll_at) FROM ticket_sync WHERE {Due}", cancellationToken) is { } value
            ? DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>Writes what a look found and releases the ticket; false when <paramref name="owner"/> no longer held it.</summary>
    public async Task<bool> SaveAsync(FollowedTicket t, string owner, CancellationToken cancellationToken)
    {
        var update = new SqlStatement(Save)
            .With("status", t.Status).With("statusShown", t.StatusShown).With("lastReplyId", t.LastReplyId).With("offset", t.ClockOffsetMinutes)
            .With("activity", t.LastActivityAt.ToUnixTimeMilliseconds()).With("update", t.LastUpdateAt?.ToUnixTimeMilliseconds())
            .With("interval", (long)t.Interval.TotalMilliseconds).With("next", t.NextPollAt?.ToUnixTimeMilliseconds())
            .With("closed", t.ClosedAt?.ToUnixTimeMilliseconds()).With("failures", t.Failures).With("error", t.LastError)
            .With("now", Now()).With("id", t.SubmissionId).With("owner", owner);
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        return await session.Connection.ExecuteAsync(update, cancellationToken) == 1;
    }

    /// <summary>Extends the lease before a step that may take long; false when it was lost.</summary>
    public async Task<bool> RenewAsync(string submissionId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        return await session.Connection.ExecuteAsync(
            new SqlStatement("UPDATE ticket_sync SET lease_until = @until WHERE submission_id = @id AND lease_owner = @owner")
                .With("id", submissionId).With("owner", owner).With("until", Now() + (long)lease.TotalMilliseconds),
            cancellationToken) == 1;
    }

    public async Task<FollowedTicket?> GetAsync(string submissionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync(
            new SqlStatement($"SELECT {FollowedTicket.Columns} FROM ticket_sync WHERE submission_id = @id").With("id", submissionId),
            FollowedTicket.Read,
            cancellationToken);
        return rows is [var row] ? row : null;
    }

    /// <summary>The followed tickets among <paramref name="submissionIds"/>, by submission id.</summary>
    public async Task<IReadOnlyDictionary<string, FollowedTicket>> FindAsync(IReadOnlyCollection<string> submissionIds, CancellationToken cancellationToken)
    {
        if (submissionIds.Count == 0)
        {
            return new Dictionary<string, FollowedTicket>();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = database.Provider == StorageProvider.Postgres
            ? new SqlStatement($"SELECT {FollowedTicket.Columns} FROM ticket_sync WHERE submission_id = ANY(@ids)").With("ids", submissionIds.ToArray())
            : new SqlStatement($"SELECT {FollowedTicket.Columns} FROM ticket_sync WHERE submission_id IN (SELECT value FROM json_each(@ids))")
                .With("ids", JsonSerializer.Serialize(submissionIds.ToList(), SyncJsonContext.Default.ListString));
        var rows = await connection.QueryAsync(ids, FollowedTicket.Read, cancellationToken);
        return rows.ToDictionary(r => r.SubmissionId, StringComparer.Ordinal);
    }

    /// <summary>The ticket a thread belongs to; null when it is no ticket's.</summary>
    public async Task<string?> ThreadOwnerAsync(string threadKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ScalarAsync(
            new SqlStatement("SELECT submission_id FROM ticket_threads WHERE thread_key = @key").With("key", threadKey), cancellationToken) as string;
    }

    /// <summary>More places whose messages belong to the ticket (a staff reply posted in a chat without threads).</summary>
    public async Task AddThreadKeysAsync(string submissionId, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }

        await using var session = await database.OpenForWriteAsync(cancellationToken);
        await using var tx = await session.Connection.BeginTransactionAsync(cancellationToken);
        await AddThreadKeysAsync(session.Connection, tx, submissionId, keys, Now(), cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Looks at the ticket soon, following it again if it had stopped: a reply from chat reopens a closed ticket, and
    /// staff usually answer it.
    /// </summary>
    public async Task WakeAsync(string submissionId, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        await session.Connection.ExecuteAsync(
            new SqlStatement(
                """
                UPDATE ticket_sync SET next_poll_at = @now, last_activity_at = @now, closed_at = NULL, interval_ms = 0, updated_at = @now
                WHERE submission_id = @id AND (next_poll_at IS NULL OR next_poll_at > @now)
                """).With("id", submissionId).With("now", now),
            cancellationToken);
    }

    // A thread that already leads to another ticket (a second ticket from the same message) now leads to the newest.
    private static async Task AddThreadKeysAsync(DbConnection connection, DbTransaction transaction, string submissionId, IReadOnlyList<string> keys, long at, CancellationToken ct)
    {
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            await connection.ExecuteAsync(
                new SqlStatement(
                    """
                    INSERT INTO ticket_threads (thread_key, submission_id, created_at) VALUES (@key, @id, @at)
                    ON CONFLICT (thread_key) DO UPDATE SET submission_id = excluded.submission_id, created_at = excluded.created_at
                    """).With("key", key).With("id", submissionId).With("at", at),
                ct,
                transaction);
        }
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
