using System.Collections.Concurrent;
using ChatBot.Keliweb;
using ChatBot.Storage;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Sync;

/// <summary>The background half of chat-to-Keliweb: claims due inbox rows and drives each one further (<see cref="ThreadReplyProcessor"/>).</summary>
public sealed partial class ThreadReplyWorker(
    ThreadInbox inbox,
    ThreadReplyProcessor processor,
    ThreadReplySignal signal,
    Database database,
    IOptionsMonitor<KeliwebOptions> keliweb,
    IOptionsMonitor<TicketsOptions> tickets,
    ILogger<ThreadReplyWorker> logger) : BackgroundService
{
    private const int Concurrency = 8;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():n}";
    private readonly ConcurrentDictionary<string, Task> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider == StorageProvider.Sqlite)
        {
            await inbox.ReleaseAllLeasesAsync(stoppingToken);
        }

        using var slots = new SemaphoreSlim(Concurrency);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stoppingToken);
                var claimed = await inbox.ClaimAsync(_owner, slots.CurrentCount + 1, keliweb.CurrentValue.Timeout + tickets.CurrentValue.LeaseMargin, stoppingToken);
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

                foreach (var reply in claimed)
                {
                    _running[reply.Id] = RunOneAsync(reply, slots, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException or System.Text.Json.JsonException)
            {
                // A row that cannot be read (JsonException) stays leased until its lease runs out; the others go on.
                LogLoopFailed(ex);
                await Task.Delay(PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await Task.WhenAll(_running.Values);
    }

    private async Task RunOneAsync(ThreadReply reply, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await processor.ProcessAsync(reply, _owner, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // one broken message must not stop the others; its lease expires and it is tried again
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(ex, reply.Id);
        }
        finally
        {
            _running.TryRemove(reply.Id, out _);
            slots.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The chat reply worker could not claim messages; retrying")]
    private partial void LogLoopFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat reply {ReplyId} could not be processed; tried again when its lease expires")]
    private partial void LogFailed(Exception exception, string replyId);
}
