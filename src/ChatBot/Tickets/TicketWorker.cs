using System.Collections.Concurrent;
using ChatBot.Storage;
using Microsoft.Extensions.Options;

namespace ChatBot.Tickets;

/// <summary>
/// The background half of the pipeline, driven from the store so it resumes after a restart: claims due
/// submissions and drives each one step further, several at a time.
/// </summary>
public sealed partial class TicketWorker(
    TicketOutbox outbox,
    SubmissionProcessor processor,
    SubmissionSignal signal,
    KeliwebOutage outage,
    IntakeRate intake,
    Database database,
    IOptions<TicketsOptions> options,
    ILogger<TicketWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():n}";
    private readonly ConcurrentDictionary<string, Task> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider == StorageProvider.Sqlite)
        {
            await outbox.ReleaseAllLeasesAsync(stoppingToken);
        }

        using var slots = new SemaphoreSlim(options.Value.WorkerConcurrency);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stoppingToken);
                // Users are waiting on accepts: one submission at a time, so the worker's work never crowds theirs.
                var busy = intake.IsBusy;
                var free = busy ? 1 : slots.CurrentCount + 1;
                var claimed = await outbox.ClaimAsync(_owner, free, options.Value.LeaseDuration, stoppingToken, keliwebDown: outage.IsPaused,
                    maxRetryAge: options.Value.MaxRetryAge);
                if (claimed.Count == 0)
                {
                    slots.Release();
                    await signal.WaitAsync(PollInterval, stoppingToken);
                    continue;
                }

                for (var i = 1; i < claimed.Count; i++)
                {
                    await slots.WaitAsync(stoppingToken);
                }

                foreach (var submission in claimed)
                {
                    var run = RunOneAsync(submission, slots, stoppingToken);
                    _running[submission.Id] = run;
                    if (busy)
                    {
                        await run;
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                LogLoopFailed(ex);
                await Task.Delay(PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        // Let requests in flight finish: abandoning one mid-request would make its outcome uncertain.
        await Task.WhenAll(_running.Values);
    }

    private async Task RunOneAsync(Submission submission, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await processor.ProcessAsync(submission, _owner, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // one broken submission must not stop the worker; its lease expires and it is claimed again
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogProcessFailed(ex, submission.Id);
        }
        finally
        {
            _running.TryRemove(submission.Id, out _);
            slots.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The ticket worker could not claim submissions; retrying")]
    private partial void LogLoopFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Submission {SubmissionId} could not be processed; it is retried when its lease expires")]
    private partial void LogProcessFailed(Exception exception, string submissionId);
}
