using System.Data.Common;
using System.Text.Json;
using ChatBot.Storage;

namespace ChatBot.Tickets;

/// <summary>
/// The submissions table as an outbox with explicit states. Idempotency is the unique key on
/// <c>idempotency_key</c>; workers claim due rows with a lease (SKIP LOCKED on PostgreSQL) and every
/// write is fenced by the lease owner, so two workers never drive the same row.
/// </summary>
public sealed class TicketOutbox(Database database, TimeProvider time, IEnumerable<IAnnouncedTicketWriter>? announcedWriters = null)
{
    private readonly IAnnouncedTicketWriter[] _announcedWriters = [.. announcedWriters ?? []];

    // Followed by the WHERE condition.
    private const string Select = $"SELECT {SubmissionRow.Columns} FROM submissions s LEFT JOIN tickets t ON t.submission_id = s.id WHERE ";

    // Three fixed texts for the worker's writes (lease kept, released, extended): built once, not at every save.
    private const string SaveSql =
        """
        UPDATE submissions SET state = @state, attempts = @attempts, next_attempt_at = @next, notice_due = @noticeDue,
            queued_noticed = @queuedNoticed, progress = @progress, last_error = @lastError, updated_at = @now{0}
        WHERE id = @id AND lease_owner = @owner
        """;

    private static readonly string SaveKeepingLease = SaveSql.Replace("{0}", "", StringComparison.Ordinal);
    private static readonly string SaveAndRelease = SaveSql.Replace("{0}", ", lease_owner = NULL, lease_until = NULL", StringComparison.Ordinal);
    private static readonly string SaveExtendingLease = SaveSql.Replace("{0}", ", lease_until = @leaseUntil", StringComparison.Ordinal);

    private const string NotLeased = "(lease_until IS NULL OR lease_until < @now)";

    // Each condition repeats its partial index's WHERE term word for word: SQLite uses a partial index only then.
    private const string Due =
        $"(state IN ('Accepted', 'Sending', 'Opened') OR notice_due = 1) AND next_attempt_at <= @now AND {NotLeased}";

    private const string InProgress =
        $"(state IN ('Sending', 'Opened') OR notice_due = 1) AND next_attempt_at <= @now AND {NotLeased}";

    private const string Unnoticed =
        $"state = 'Accepted' AND queued_noticed = 0 AND next_attempt_at <= @now AND {NotLeased}";

    // Rows past Tickets:MaxRetryAge (created before @expired), due or not: each ends in one round, told to its user.
    private const string Expired =
        $"(state IN ('Accepted', 'Sending', 'Opened') OR notice_due = 1) AND created_at <= @expired AND {NotLeased}";

    /// <summary>Stores a new submission, or returns the one already stored under the same key.</summary>
    /// <param name="traceParent">The accept's W3C traceparent, when it is traced (see <see cref="Submission.TraceParent"/>).</param>
    public async Task<(Submission Submission, bool Created)> InsertAsync(
        string idempotencyKey, TicketDraft draft, string? accountId, int? clientId, int? contactId, bool guest, CancellationToken cancellationToken,
        string? traceParent = null)
    {
        var now = Now();
        // Time-ordered (UUIDv7): new rows land at the end of the primary key's index instead of on a random page.
        var id = Guid.CreateVersion7().ToString("n");
        var insert = new SqlStatement(
            """
            INSERT INTO submissions (id, idempotency_key, platform, team_id, user_id, state, draft, account_id, client_id, contact_id,
                                     guest, next_attempt_at, progress, created_at, updated_at, trace_parent, installation)
            VALUES (@id, @idempotencyKey, @platform, @teamId, @userId, 'Accepted', @draft, @accountId, @clientId, @contactId,
                    @guest, @now, NULL, @now, @now, @traceParent, @installation)
            ON CONFLICT (idempotency_key) DO NOTHING
            """)
            .With("id", id).With("idempotencyKey", idempotencyKey).With("platform", draft.Requester.Platform)
            .With("teamId", draft.Requester.TenantId).With("userId", draft.Requester.UserId)
            .With("draft", JsonSerializer.Serialize(draft, TicketsJsonContext.Default.TicketDraft))
            .With("accountId", accountId).With("clientId", clientId).With("contactId", contactId)
            .With("guest", guest ? 1 : 0).With("now", now).With("traceParent", traceParent).With("installation", draft.Requester.Installation);
        var existing = new SqlStatement(Select + "s.idempotency_key = @key").With("key", idempotencyKey);

        // The user waits for this write (it is the acknowledgement): on SQLite it shares its commit with the accepts
        // that arrive meanwhile.
        return await database.WriteInBatchAsync(
            async (connection, tx, ct) =>
            {
                if (await connection.ExecuteAsync(insert, ct, tx) == 1)
                {
                    var at = DateTimeOffset.FromUnixTimeMilliseconds(now);
                    return (new Submission(id, idempotencyKey, SubmissionState.Accepted, draft, accountId, clientId, contactId, guest, 0, at,
                        false, false, SubmissionProgress.Empty, null, at, at, null, traceParent), true);
                }

                var stored = await QuerySingleAsync(connection, existing, ct, tx)
                    ?? throw new InvalidOperationException("A submission's idempotency key conflicted, yet no row has it.");
                return (stored, false);
            },
            cancellationToken);
    }

    public async Task<Submission?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await QuerySingleAsync(connection, new SqlStatement(Select + "s.id = @id").With("id", id), cancellationToken);
    }

    /// <summary>Claims up to <paramref name="max"/> due rows for <paramref name="owner"/> until the lease runs out.</summary>
    /// <param name="keliwebDown">Leave new submissions that were already told they are queued where they are.</param>
    /// <param name="maxRetryAge">Also claim unfinished rows older than this, due or not, so that they can end.</param>
    public async Task<IReadOnlyList<Submission>> ClaimAsync(
        string owner, int max, TimeSpan lease, CancellationToken cancellationToken, bool keliwebDown = false, TimeSpan? maxRetryAge = null)
    {
        var now = Now();
        var expired = maxRetryAge is { } age ? now - (long)age.TotalMilliseconds : -1;
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        var connection = session.Connection;
        var ids = await connection.QueryAsync(
            new SqlStatement(ClaimSql(database.Provider, keliwebDown))
                .With("owner", owner).With("until", now + (long)lease.TotalMilliseconds).With("now", now).With("max", max)
                .With("expired", expired),
            r => r.GetString(0),
            cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        // Npgsql takes the ids as one array parameter; SQLite reads them from a JSON array.
        var claimed = database.Provider == StorageProvider.Postgres
            ? new SqlStatement(Select + "s.lease_owner = @owner AND s.id = ANY(@ids)").With("ids", ids.ToArray())
            : new SqlStatement(Select + "s.lease_owner = @owner AND s.id IN (SELECT value FROM json_each(@ids))")
                .With("ids", JsonSerializer.Serialize(ids, TicketsJsonContext.Default.ListString));
        return await QueryAsync(connection, claimed.With("owner", owner), cancellationToken);
    }

    private static readonly string[] CachedClaimCandidates =
        [Candidates(StorageProvider.Sqlite, false), Candidates(StorageProvider.Sqlite, true), Candidates(StorageProvider.Postgres, false), Candidates(StorageProvider.Postgres, true)];

    // Built once: the same text every time is what lets the SQLite writer keep the statement prepared.
    private static readonly string[] CachedClaimSql = [.. CachedClaimCandidates.Select(candidates =>
        $"""
        UPDATE submissions SET lease_owner = @owner, lease_until = @until
        WHERE id IN ({candidates})
        RETURNING id
        """)];

    /// <summary>The ids a claim takes (parameters @now, @max, @expired), oldest due first.</summary>
    internal static string ClaimCandidates(StorageProvider provider, bool keliwebDown) => CachedClaimCandidates[ClaimIndex(provider, keliwebDown)];

    private static string ClaimSql(StorageProvider provider, bool keliwebDown) => CachedClaimSql[ClaimIndex(provider, keliwebDown)];

    private static int ClaimIndex(StorageProvider provider, bool keliwebDown) => (provider == StorageProvider.Postgres ? 2 : 0) + (keliwebDown ? 1 : 0);

    private static string Candidates(StorageProvider provider, bool keliwebDown)
    {
        var skipLocked = provider == StorageProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        string Range(string name, string condition, string order) =>
            $"SELECT id, next_attempt_at FROM (SELECT id, next_attempt_at FROM submissions WHERE {condition} ORDER BY {order} LIMIT @max {skipLocked}) {name}";

        // One index range per term instead of one OR, so a long queue of waiting rows is never scanned. While Keliweb is
        // unreachable, new submissions are claimed only to tell their users they are queued; the ones already told wait.
        var ranges = keliwebDown
            ? [Range("a", InProgress, "next_attempt_at"), Range("b", Unnoticed, "next_attempt_at"), Range("e", Expired, "created_at")]
            : new[] { Range("a", Due, "next_attempt_at"), Range("e", Expired, "created_at") };
        return $"""
            SELECT id FROM (
                {string.Join("\n    UNION\n    ", ranges)}
            ) c ORDER BY next_attempt_at LIMIT @max
            """;
    }

    /// <summary>
    /// On SQLite only one instance runs, so leases left by a killed process can be dropped at start
    /// instead of waiting for them to expire.
    /// </summary>
    public async Task ReleaseAllLeasesAsync(CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        var connection = session.Connection;
        await connection.ExecuteAsync(
            "UPDATE submissions SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL", cancellationToken);
    }

    /// <summary>Writes the worker's view of a row, only while <paramref name="owner"/> still holds it. False when the lease was lost.</summary>
    /// <param name="extendLease">Also extends the lease, before a step that may take long (an API call).</param>
    /// <param name="announcement">Where the notice of an Announced row landed (<see cref="PostResult.Location"/>), for the <see cref="IAnnouncedTicketWriter"/>s.</param>
    public async Task<bool> SaveAsync(
        Submission s, string owner, bool release, CancellationToken cancellationToken, TimeSpan? extendLease = null, string? announcement = null)
    {
        var now = Now();
        var sql = release ? SaveAndRelease : extendLease is null ? SaveKeepingLease : SaveExtendingLease;
        // Built before entering the write queue: the queue is for the write alone.
        var update = new SqlStatement(sql)
            .With("id", s.Id).With("owner", owner).With("state", s.State.ToString()).With("attempts", s.Attempts)
            .With("next", s.NextAttemptAt.ToUnixTimeMilliseconds()).With("noticeDue", s.NoticeDue ? 1 : 0)
            .With("queuedNoticed", s.QueuedNoticed ? 1 : 0)
            .With("progress", JsonSerializer.Serialize(s.Progress, TicketsJsonContext.Default.SubmissionProgress))
            .With("lastError", s.LastError).With("now", now);
        if (!release && extendLease is { } extend)
        {
            update.With("leaseUntil", now + (long)extend.TotalMilliseconds);
        }

        var history = SubmissionHistory.Change(s, owner, now);
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        var connection = session.Connection;
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(history, cancellationToken, tx);
        var updated = await connection.ExecuteAsync(update, cancellationToken, tx);
        if (updated == 1 && s.Ticket is { } ticket)
        {
            await connection.ExecuteAsync(
                new SqlStatement(
                    """
                    INSERT INTO tickets (submission_id, account_id, ticket_id, tid, access_key, opened_at)
                    VALUES (@id, @accountId, @ticketId, @tid, @accessKey, @now)
                    ON CONFLICT (submission_id) DO NOTHING
                    """)
                    .With("id", s.Id).With("accountId", s.AccountId).With("ticketId", ticket.TicketId).With("tid", ticket.Tid)
                    .With("accessKey", ticket.AccessKey).With("now", Now()),
                cancellationToken,
                tx);
        }

        if (updated == 1 && s.State == SubmissionState.Announced && s.Ticket is { } announced)
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(now);
            foreach (var writer in _announcedWriters)
            {
                await writer.WriteAsync(connection, tx, new AnnouncedTicket(s, announced, announcement, at), cancellationToken);
            }
        }

        await tx.CommitAsync(cancellationToken);
        return updated == 1;
    }

    /// <summary>Extends a lease before a step that may take long (a download, an API call).</summary>
    public async Task<bool> RenewLeaseAsync(string id, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        var connection = session.Connection;
        return await connection.ExecuteAsync(
            new SqlStatement("UPDATE submissions SET lease_until = @until WHERE id = @id AND lease_owner = @owner")
                .With("id", id).With("owner", owner).With("until", Now() + (long)lease.TotalMilliseconds),
            cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<Submission>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await QueryAsync(connection, new SqlStatement(Select + "1 = 1 ORDER BY s.created_at DESC LIMIT @limit").With("limit", limit), cancellationToken);
    }

    /// <summary>
    /// The operator's "try this one again, on purpose": an Uncertain or Failed row goes back to Accepted (sent to Keliweb
    /// again), an Unannounced one gets its notice posted again, and an Accepted one waiting for its next try (a far
    /// Retry-After, a long backoff) is due now. False when the row is in none of those states, or is being worked on.
    /// </summary>
    public async Task<bool> RetryAsync(string id, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        var connection = session.Connection;
        return await connection.ExecuteAsync(
            new SqlStatement(
                $"""
                UPDATE submissions SET
                    state = CASE WHEN state = 'Unannounced' THEN 'Opened' ELSE 'Accepted' END,
                    attempts = CASE WHEN state IN ('Uncertain', 'Failed') THEN 0 ELSE attempts END,
                    queued_noticed = CASE WHEN state IN ('Uncertain', 'Failed') THEN 0 ELSE queued_noticed END,
                    notice_due = CASE WHEN state = 'Unannounced' THEN 1 ELSE 0 END,
                    last_error = CASE WHEN state = 'Accepted' THEN last_error ELSE NULL END,
                    next_attempt_at = @now, lease_owner = NULL, lease_until = NULL, updated_at = @now
                WHERE id = @id AND (state IN ('Uncertain', 'Failed', 'Unannounced') OR (state = 'Accepted' AND {NotLeased}))
                """).With("id", id).With("now", Now()),
            cancellationToken) == 1;
    }

    /// <summary>
    /// Makes the account's Accepted rows due now, those waiting for its sign-in among them: it just signed in, so Keliweb
    /// answers and the account works. Rows being worked on are left to their worker. Returns how many were woken.
    /// </summary>
    public async Task<int> WakeAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        var connection = session.Connection;
        return await connection.ExecuteAsync(
            new SqlStatement(
                $"UPDATE submissions SET next_attempt_at = @now WHERE account_id = @accountId AND state = 'Accepted' AND next_attempt_at > @now AND {NotLeased}")
                .With("accountId", accountId).With("now", Now()),
            cancellationToken);
    }

    /// <summary>
    /// An installation went away (the app uninstalled, its token revoked): its submissions not yet sent to Keliweb end
    /// as Failed with <paramref name="reason"/>, since no one could be told about their ticket, and nothing retries
    /// them. Rows being worked on are left to their worker, whose posts then fail for good. Returns how many ended.
    /// </summary>
    public async Task<int> EndForInstallationAsync(string platform, string installation, string reason, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        var connection = session.Connection;
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var waiting = $"platform = @platform AND installation = @installation AND state = 'Accepted' AND {NotLeased}";
        await connection.ExecuteAsync(
            new SqlStatement(
                $"INSERT INTO submission_events (submission_id, at, state, attempts, detail) SELECT id, @now, 'Failed', attempts, @reason FROM submissions WHERE {waiting}")
                .With("platform", platform).With("installation", installation).With("reason", reason).With("now", Now()),
            cancellationToken,
            tx);
        var ended = await connection.ExecuteAsync(
            new SqlStatement(
                $"UPDATE submissions SET state = 'Failed', notice_due = 0, last_error = @reason, next_attempt_at = @now, updated_at = @now WHERE {waiting}")
                .With("platform", platform).With("installation", installation).With("reason", reason).With("now", Now()),
            cancellationToken,
            tx);
        await tx.CommitAsync(cancellationToken);
        return ended;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static async Task<Submission?> QuerySingleAsync(DbConnection connection, SqlStatement statement, CancellationToken ct, DbTransaction? tx = null) =>
        (await QueryAsync(connection, statement, ct, tx)) is [var first, ..] ? first : null;

    private static async Task<IReadOnlyList<Submission>> QueryAsync(DbConnection connection, SqlStatement statement, CancellationToken ct, DbTransaction? tx = null) =>
        await connection.QueryAsync(statement, SubmissionRow.Read, ct, tx);
}
