using System.Collections.Concurrent;
using ChatBot.Keliweb;
using ChatBot.Storage;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Sync;

/// <summary>
/// Keliweb to chat: takes the followed tickets as they come due, one request per turn of the budget
/// (<see cref="PollBudget"/>), several looks in flight so a slow Keliweb does not slow the budget down. Holds off while
/// Keliweb is unreachable, as the ticket worker does. Driven from the store, so it resumes after a restart and shares
/// the tickets with other instances.
/// </summary>
public sealed partial class SyncWorker(
    FollowedTicketStore store,
    TicketPoller poller,
    PollBudget budget,
    KeliwebOutage outage,
    Database database,
    IOptionsMonitor<KeliwebOptions> keliweb,
    IOptionsMonitor<TicketsOptions> tickets,
    TimeProvider time,
    ILogger<SyncWorker> logger) : BackgroundService
{
    /// <summary>Looks in flight at once: enough for the budget at a few seconds per answer.</summary>
    public const int Concurrency = 16;

    /// <summary>The longest an idle worker sleeps: a ticket announced meanwhile gets its first look this soon.</summary>
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():n}";
    private readonly ConcurrentDictionary<string, Task> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider == StorageProvider.Sqlite)
        {
            // One instance owns a SQLite file: leases a killed process left are its own, and need not run out first.
            await store.ReleaseAllLeasesAsync(stoppingToken);
        }

        using var slots = new SemaphoreSlim(Concurrency);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (outage.IsPaused)
                {
                    await DelayAsync(Shorter(outage.PausedUntil - time.GetUtcNow(), TimeSpan.FromSeconds(5)), stoppingToken);
                    continue;
                }

                await slots.WaitAsync(stoppingToken);
                await budget.WaitTurnAsync(stoppingToken);
                var claimed = await store.ClaimAsync(_owner, 1, Lease(), stoppingToken);
                if (claimed is not [var ticket])
                {
                    slots.Release();
                    var next = await store.NextDueAsync(stoppingToken);
                    await DelayAsync(next is { } due ? Shorter(due - time.GetUtcNow(), IdleWait) : IdleWait, stoppingToken);
                    continue;
                }

                _running[ticket.SubmissionId] = RunOneAsync(ticket, slots, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                LogLoopFailed(ex);
                await DelayAsync(IdleWait, stoppingToken);
            }
        }

        // A look in flight finishes its post: abandoning it between a post and its mark is what the marks are for, but
        // finishing is kinder.
        await Task.WhenAll(_running.Values);
    }

    private async Task RunOneAsync(FollowedTicket ticket, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await poller.PollAsync(ticket, _owner, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // one broken ticket must not stop the sync; its lease expires and it is looked at again
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPollFailed(ex, ticket.SubmissionId);
        }
        finally
        {
            _running.TryRemove(ticket.SubmissionId, out _);
            slots.Release();
        }
    }

    // As the submissions' leases: another instance takes a killed one's tickets over once this has passed.
    private TimeSpan Lease() => keliweb.CurrentValue.Timeout + tickets.CurrentValue.LeaseMargin;

    private static TimeSpan Shorter(TimeSpan a, TimeSpan b) => a < b ? (a > TimeSpan.Zero ? a : TimeSpan.Zero) : b;

    private async Task DelayAsync(TimeSpan delay, CancellationToken ct) =>
        await Task.Delay(delay, time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    [LoggerMessage(Level = LogLevel.Error, Message = "The ticket sync could not claim tickets; retrying")]
    private partial void LogLoopFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The ticket of submission {SubmissionId} could not be looked at; tried again when its lease expires")]
    private partial void LogPollFailed(Exception exception, string submissionId);
}
