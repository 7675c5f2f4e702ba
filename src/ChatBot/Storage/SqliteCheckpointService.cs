namespace ChatBot.Storage;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file every second, outside the in-process write queue:
/// a PASSIVE checkpoint never waits for writers, so requests never wait for it. Under a steady stream of writes,
/// though, a checkpoint never finds the log fully copied, so the log is never started over and grows without end
/// (SQLite calls it checkpoint starvation: 2.2 GB in a minute, measured). Past <see cref="WalLimitBytes"/> in use, the
/// round ends with a short PASSIVE pass inside the write queue, after which the next write starts the log over.
/// </summary>
/// <remarks>
/// Starting over reuses the file instead of truncating it. A TRUNCATE checkpoint in the queue held every writer for
/// 22–65 ms, nearly all of it spent cutting a 100 MB file (measured under 13,000 accepts a second, p99 30 ms against
/// 8 ms without it). The file is truncated only in a quiet second, when nothing waits for the queue.
/// </remarks>
internal sealed partial class SqliteCheckpointService(Database database, TimeProvider time, ILogger<SqliteCheckpointService> logger) : BackgroundService
{
    public const long WalLimitBytes = 64L * 1024 * 1024;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // Passes outside the queue before the one inside it; each copies what was written while the previous one ran.
    private const int MaxConvergingPasses = 4;

    // Frames written between two passes' starts: 256 pages of 4 KiB, about a millisecond of copying.
    private const long SmallTailFrames = 256;

    private long _framesLastRound = -1;
    private long _frameBytes;

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

    /// <summary>One round (see the class); one caller at a time. Returns the log as the round left it.</summary>
    public async Task<SqliteWalLog> CheckpointAsync(long walLimitBytes, CancellationToken cancellationToken)
    {
        var frames = await PassiveAsync(cancellationToken);
        var quiet = frames == _framesLastRound;
        _framesLastRound = frames;

        if (quiet && FileBytes() > walLimitBytes)
        {
            // Nothing was written for a round: cutting the file now costs no one a wait.
            await InWriteQueueAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
            LogTruncated(FileBytes());
            return new SqliteWalLog(await PassiveAsync(cancellationToken), FileBytes());
        }

        if (frames * await FrameBytesAsync(cancellationToken) <= walLimitBytes)
        {
            return new SqliteWalLog(frames, FileBytes());
        }

        for (var pass = 0; pass < MaxConvergingPasses; pass++)
        {
            var next = await PassiveAsync(cancellationToken);
            var writtenMeanwhile = next - frames;
            frames = next;
            if (writtenMeanwhile <= SmallTailFrames)
            {
                break;
            }
        }

        // With writers held, this pass copies the little that is left; unless a reader still holds an older snapshot
        // (then the next round tries again), the log is then fully copied and the next write starts it over.
        await InWriteQueueAsync("PRAGMA wal_checkpoint(PASSIVE);", cancellationToken);
        LogRewound(frames);
        return new SqliteWalLog(frames, FileBytes());
    }

    /// <summary>A PASSIVE checkpoint on a connection of its own; returns the frames in the log when it started.</summary>
    private async Task<long> PassiveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var result = await connection.QueryAsync("PRAGMA wal_checkpoint(PASSIVE);", r => r.GetInt64(1), cancellationToken);
        return result is [var frames and >= 0] ? frames : 0;
    }

    private async Task InWriteQueueAsync(string pragma, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        // The queue holds other writers meanwhile: readers get a second, not the connection's 30 s. If one is still
        // reading, the log stays as it is and the next round tries again.
        await session.Connection.ExecuteAsync(new SqlStatement(pragma) { Timeout = TimeSpan.FromSeconds(1) }, cancellationToken);
    }

    /// <summary>A frame is a page plus its 24-byte header.</summary>
    private async Task<long> FrameBytesAsync(CancellationToken cancellationToken)
    {
        if (_frameBytes == 0)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            _frameBytes = Convert.ToInt64(await connection.ScalarAsync("PRAGMA page_size;", cancellationToken), System.Globalization.CultureInfo.InvariantCulture) + 24;
        }

        return _frameBytes;
    }

    private long FileBytes()
    {
        var wal = new FileInfo(database.WalPath!);
        return wal.Exists ? wal.Length : 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed; the next one will try again")]
    private partial void LogCheckpointFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite write-ahead log was over its limit ({Frames} frames): copied in full, the next write starts it over")]
    private partial void LogRewound(long frames);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite write-ahead log file was over its limit in a quiet second: truncated (now {Bytes} bytes)")]
    private partial void LogTruncated(long bytes);
}
