namespace ChatBot.Tickets;

/// <summary>Runs <see cref="SubmissionPurge"/> at start and then every hour.</summary>
public sealed partial class RetentionService(SubmissionPurge purge, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await purge.PurgeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or System.Text.Json.JsonException or InvalidOperationException)
            {
                LogPurgeFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention purge failed; it tries again in an hour")]
    private partial void LogPurgeFailed(Exception exception);
}
