using ChatBot.Storage;

namespace ChatBot.Health;

/// <summary>
/// Reads <see cref="StoreSnapshot"/>s: a handful of index-backed queries (the partial indexes on waiting and on ended
/// submissions), so the details endpoint and the gauges never scan the table. A snapshot younger than
/// <see cref="MaxAge"/> is reused, so scrapes and dashboards polling every second cost one read per interval.
/// </summary>
public sealed class StoreSnapshots(Database database, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly CachedRead<StoreSnapshot> _latest = new(MaxAge, time, s => s.TakenAt);

    public void Dispose() => _latest.Dispose();

    /// <summary>The last snapshot read, if any (for the gauges, which must not wait on the store).</summary>
    public StoreSnapshot? Latest => _latest.Latest;

    public Task<StoreSnapshot> ReadAsync(CancellationToken cancellationToken) => _latest.GetAsync(QueryAsync, cancellationToken);

    private async Task<StoreSnapshot> QueryAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var waiting = new Dictionary<string, long>(StringComparer.Ordinal);
        long? oldest = null;
        // The WHERE repeats the partial index's terms word for word (SQLite uses a partial index only then).
        foreach (var (state, noticeDue, count, first) in await connection.QueryAsync(
            "SELECT state, notice_due, COUNT(*), MIN(created_at) FROM submissions WHERE state IN ('Accepted', 'Sending', 'Opened') OR notice_due = 1 GROUP BY state, notice_due",
            r => (r.GetString(0), r.GetInteger(1) == 1, r.GetInteger(2), r.GetInteger(3)),
            cancellationToken))
        {
            var key = noticeDue && state is not ("Accepted" or "Sending" or "Opened") ? StoreSnapshot.NoticeDue : state;
            waiting[key] = waiting.GetValueOrDefault(key) + count;
            oldest = oldest is { } o ? Math.Min(o, first) : first;
        }

        long failed = 0, uncertain = 0;
        foreach (var (state, count) in await connection.QueryAsync(
            new SqlStatement(
                """
                SELECT state, COUNT(*) FROM submissions
                WHERE state IN ('Announced', 'Failed', 'Uncertain', 'Unannounced') AND notice_due = 0 AND purged_at IS NULL AND updated_at >= @since AND state <> 'Announced'
                GROUP BY state
                """).With("since", (now - TimeSpan.FromHours(1)).ToUnixTimeMilliseconds()),
            r => (r.GetString(0), r.GetInteger(1)),
            cancellationToken))
        {
            // Unannounced (a ticket whose notice reached nobody) is the operator's problem as much as a failure is.
            if (state == "Uncertain")
            {
                uncertain = count;
            }
            else
            {
                failed += count;
            }
        }

        var accounts = await connection.QueryAsync("SELECT id FROM accounts WHERE needs_login = 1 ORDER BY id", r => r.GetString(0), cancellationToken);
        return new StoreSnapshot(
            waiting, oldest is { } ms ? now - DateTimeOffset.FromUnixTimeMilliseconds(ms) : null, failed, uncertain, accounts, now);
    }
}
