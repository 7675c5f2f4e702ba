namespace ChatBot.Storage;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file every second, outside the in-process write queue:
/// a PASSIVE checkpoint never waits for writers, so requests never wait for it.
/// </summary>
internal sealed partial class SqliteCheckpointService(Database database, TimeProvider time, ILogger<SqliteCheckpointService> logger) : BackgroundService
{
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
                await using var connection = await database.OpenAsync(stoppingToken);
                await connection.ExecuteAsync("PRAGMA wal_checkpoint(PASSIVE);", stoppingToken);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or IOException)
            {
                LogCheckpointFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed; the next one will try again")]
    private partial void LogCheckpointFailed(Exception exception);
}
