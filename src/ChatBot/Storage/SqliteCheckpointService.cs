namespace ChatBot.Storage;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file every second, outside the in-process write queue:
/// a PASSIVE checkpoint never waits for writers, so requests never wait for it. A PASSIVE checkpoint cannot start the
/// log over while readers keep overlapping, though, and under a steady stream of requests the file then grows without
/// end (SQLite calls it checkpoint starvation). Past <see cref="WalLimitBytes"/> one TRUNCATE checkpoint runs in the
/// write queue, behind the accepts, giving readers a second to finish.
/// </summary>
internal sealed partial class SqliteCheckpointService(Database database, TimeProvider time, ILogger<SqliteCheckpointService> logger) : BackgroundService
{
    public const long WalLimitBytes = 64L * 1024 * 1024;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != StorageProvider.Sqlite)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckpointAsync(WalLimitBytes, stoppingToken);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or IOException)
            {
                LogCheckpointFailed(ex);
            }
        }
    }

    /// <summary>One round: PASSIVE, then TRUNCATE if the log is still over <paramref name="walLimitBytes"/>. Returns the log's size afterwards.</summary>
    public async Task<long> CheckpointAsync(long walLimitBytes, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync("PRAGMA wal_checkpoint(PASSIVE);", cancellationToken);
        }

        var wal = new FileInfo(database.WalPath!);
        if (!wal.Exists || wal.Length <= walLimitBytes)
        {
            return wal.Exists ? wal.Length : 0;
        }

        await using (var session = await database.OpenForWriteAsync(cancellationToken))
        {
            // The queue holds other writers meanwhile: readers get a second, not the connection's 30 s. If one is still
            // reading, the log stays as it is and the next round tries again.
            await session.Connection.ExecuteAsync(new SqlStatement("PRAGMA wal_checkpoint(TRUNCATE);") { Timeout = TimeSpan.FromSeconds(1) }, cancellationToken);
        }

        wal.Refresh();
        LogTruncated(wal.Exists ? wal.Length : 0);
        return wal.Exists ? wal.Length : 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed; the next one will try again")]
    private partial void LogCheckpointFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite write-ahead log was over its limit: truncated (now {Bytes} bytes)")]
    private partial void LogTruncated(long bytes);
}
