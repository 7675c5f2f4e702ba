using System.Data.Common;
using System.Text.Json;
using ChatBot.Storage;
using Dapper;

namespace ChatBot.Tickets;

/// <summary>
/// The submissions table as an outbox with explicit states. Idempotency is the unique key on
/// <c>idempotency_key</c>; workers claim due rows with a lease (SKIP LOCKED on PostgreSQL) and every
/// write is fenced by the lease owner, so two workers never drive the same row.
/// </summary>
public sealed class TicketOutbox(Database database, TimeProvider time)
{
    private const string SelectColumns =
        """
        s.id AS Id, s.idempotency_key AS IdempotencyKey, s.state AS State, s.draft AS Draft, s.account_id AS AccountId,
        s.client_id AS ClientId, s.contact_id AS ContactId, s.guest AS Guest, s.attempts AS Attempts,
        s.next_attempt_at AS NextAttemptAt, s.notice_due AS NoticeDue, s.queued_noticed AS QueuedNoticed, s.progress AS Progress,
        s.last_error AS LastError, s.created_at AS CreatedAt, s.updated_at AS UpdatedAt,
        t.ticket_id AS TicketId, t.tid AS Tid, t.access_key AS AccessKey
        """;

    private const string NotLeased = "(lease_until IS NULL OR lease_until < @now)";

    // Each condition repeats its partial index's WHERE term word for word: SQLite uses a partial index only then.
    private const string Due =
        $"(state IN ('Accepted', 'Sending', 'Opened') OR notice_due = 1) AND next_attempt_at <= @now AND {NotLeased}";

    private const string InProgress =
        $"(state IN ('Sending', 'Opened') OR notice_due = 1) AND next_attempt_at <= @now AND {NotLeased}";

    private const string Unnoticed =
        $"state = 'Accepted' AND queued_noticed = 0 AND next_attempt_at <= @now AND {NotLeased}";

    /// <summary>Stores a new submission, or returns the one already stored under the same key.</summary>
    public async Task<(Submission Submission, bool Created)> InsertAsync(
        string idempotencyKey, TicketDraft draft, string? accountId, int? clientId, int? contactId, bool guest, CancellationToken cancellationToken)
    {
        var now = Now();
        var id = Guid.NewGuid().ToString("n");
        await using var session = await database.OpenForWriteAsync(cancellationToken, interactive: true);
        var connection = session.Connection;
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO submissions (id, idempotency_key, platform, team_id, user_id, state, draft, account_id, client_id, contact_id,
                                     guest, next_attempt_at, progress, created_at, updated_at)
            VALUES (@id, @idempotencyKey, @platform, @teamId, @userId, 'Accepted', @draft, @accountId, @clientId, @contactId,
                    @guest, @now, NULL, @now, @now)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            new
            {
                id, idempotencyKey, platform = draft.Requester.Platform, teamId = draft.Requester.TenantId, userId = draft.Requester.UserId,
                draft = JsonSerializer.Serialize(draft, TicketsJsonContext.Default.TicketDraft),
                accountId, clientId, contactId, guest = guest ? 1 : 0, now,
            },
            cancellationToken: cancellationToken));
        if (inserted == 1)
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(now);
            return (new Submission(id, idempotencyKey, SubmissionState.Accepted, draft, accountId, clientId, contactId, guest, 0, at,
                false, false, SubmissionProgress.Empty, null, at, at, null), true);
        }

        var stored = await QuerySingleAsync(connection, "s.idempotency_key = @key", new { key = idempotencyKey }, cancellationToken)
            ?? throw new InvalidOperationException("A submission's idempotency key conflicted, yet no row has it.");
        return (stored, false);
    }

    public async Task<Submission?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await QuerySingleAsync(connection, "s.id = @id", new { id }, cancellationToken);
    }

    /// <summary>Claims up to <paramref name="max"/> due rows for <paramref name="owner"/> until the lease runs out.</summary>
    /// <param name="keliwebDown">Leave new submissions that were already told they are queued where they are.</param>
    public async Task<IReadOnlyList<Submission>> ClaimAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken, bool keliwebDown = false)
    {
        var now = Now();
        var candidates = ClaimCandidates(database.Provider, keliwebDown);
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        var connection = session.Connection;
        var ids = (await connection.QueryAsync<string>(new CommandDefinition(
            $"""
            UPDATE submissions SET lease_owner = @owner, lease_until = @until
            WHERE id IN ({candidates})
            RETURNING id
            """,
            new { owner, until = now + (long)lease.TotalMilliseconds, now, max },
            cancellationToken: cancellationToken))).AsList();
        if (ids.Count == 0)
        {
            return [];
        }

        // Npgsql takes the list as one array parameter; SQLite needs Dapper to expand it.
        var inIds = database.Provider == StorageProvider.Postgres ? "s.id = ANY(@ids)" : "s.id IN @ids";
        return await QueryAsync(connection, $"s.lease_owner = @owner AND {inIds}", new { owner, ids = ids.ToArray() }, cancellationToken);
    }

    /// <summary>The ids a claim takes (parameters @now, @max), oldest due first.</summary>
    internal static string ClaimCandidates(StorageProvider provider, bool keliwebDown)
    {
        var skipLocked = provider == StorageProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        return keliwebDown
            // While Keliweb is unreachable, new submissions are claimed only to tell their users they are queued; the
            // ones already told wait. Two index ranges instead of one OR, so a long queue of waiting rows is never scanned.
            ? $"""
              SELECT id FROM (
                  SELECT id, next_attempt_at FROM (SELECT id, next_attempt_at FROM submissions WHERE {InProgress} ORDER BY next_attempt_at LIMIT @max {skipLocked}) a
                  UNION ALL
                  SELECT id, next_attempt_at FROM (SELECT id, next_attempt_at FROM submissions WHERE {Unnoticed} ORDER BY next_attempt_at LIMIT @max {skipLocked}) b
              ) c ORDER BY next_attempt_at LIMIT @max
              """
            : $"SELECT id FROM submissions WHERE {Due} ORDER BY next_attempt_at LIMIT @max {skipLocked}";
    }

    /// <summary>
    /// On SQLite only one instance runs, so leases left by a killed process can be dropped at start
    /// instead of waiting for them to expire.
    /// </summary>
    public async Task ReleaseAllLeasesAsync(CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        var connection = session.Connection;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE submissions SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL", cancellationToken: cancellationToken));
    }

    /// <summary>Writes the worker's view of a row, only while <paramref name="owner"/> still holds it. False when the lease was lost.</summary>
    /// <param name="extendLease">Also extends the lease, before a step that may take long (an API call).</param>
    public async Task<bool> SaveAsync(Submission s, string owner, bool release, CancellationToken cancellationToken, TimeSpan? extendLease = null)
    {
        var now = Now();
        // Three fixed statements, not one with the time in its text: Dapper and SQLite cache a plan per distinct text.
        var lease = release ? ", lease_owner = NULL, lease_until = NULL" : extendLease is null ? "" : ", lease_until = @leaseUntil";
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        var connection = session.Connection;
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE submissions SET state = @state, attempts = @attempts, next_attempt_at = @next, notice_due = @noticeDue,
                queued_noticed = @queuedNoticed, progress = @progress, last_error = @lastError, updated_at = @now
                {lease}
            WHERE id = @id AND lease_owner = @owner
            """,
            new
            {
                id = s.Id, owner, state = s.State.ToString(), attempts = s.Attempts, next = s.NextAttemptAt.ToUnixTimeMilliseconds(),
                noticeDue = s.NoticeDue ? 1 : 0, queuedNoticed = s.QueuedNoticed ? 1 : 0,
                progress = JsonSerializer.Serialize(s.Progress, TicketsJsonContext.Default.SubmissionProgress),
                lastError = s.LastError, now, leaseUntil = now + (long)(extendLease ?? TimeSpan.Zero).TotalMilliseconds,
            },
            tx,
            cancellationToken: cancellationToken));
        if (updated == 1 && s.Ticket is { } ticket)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO tickets (submission_id, account_id, ticket_id, tid, access_key, opened_at)
                VALUES (@id, @accountId, @ticketId, @tid, @accessKey, @now)
                ON CONFLICT (submission_id) DO NOTHING
                """,
                new { id = s.Id, accountId = s.AccountId, ticketId = ticket.TicketId, tid = ticket.Tid, accessKey = ticket.AccessKey, now = Now() },
                tx,
                cancellationToken: cancellationToken));
        }

        await tx.CommitAsync(cancellationToken);
        return updated == 1;
    }

    /// <summary>Extends a lease before a step that may take long (a download, an API call).</summary>
    public async Task<bool> RenewLeaseAsync(string id, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        var connection = session.Connection;
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE submissions SET lease_until = @until WHERE id = @id AND lease_owner = @owner",
            new { id, owner, until = Now() + (long)lease.TotalMilliseconds },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<IReadOnlyList<Submission>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await QueryAsync(connection, "1 = 1 ORDER BY s.created_at DESC LIMIT @limit", new { limit }, cancellationToken);
    }

    /// <summary>The operator's "try this one again, on purpose": an Uncertain or Failed row goes back to Accepted.</summary>
    public async Task<bool> RetryAsync(string id, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        var connection = session.Connection;
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE submissions SET state = 'Accepted', attempts = 0, next_attempt_at = @now, notice_due = 0, queued_noticed = 0,
                last_error = NULL, lease_owner = NULL, lease_until = NULL, updated_at = @now
            WHERE id = @id AND state IN ('Uncertain', 'Failed')
            """,
            new { id, now = Now() },
            cancellationToken: cancellationToken)) == 1;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static async Task<Submission?> QuerySingleAsync(DbConnection connection, string where, object args, CancellationToken ct) =>
        (await QueryAsync(connection, where, args, ct)) is [var first, ..] ? first : null;

    private static async Task<IReadOnlyList<Submission>> QueryAsync(DbConnection connection, string where, object args, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<SubmissionRow>(new CommandDefinition(
            $"SELECT {SelectColumns} FROM submissions s LEFT JOIN tickets t ON t.submission_id = s.id WHERE {where}",
            args,
            cancellationToken: ct));
        return rows.Select(r => r.ToSubmission()).ToList();
    }
}
