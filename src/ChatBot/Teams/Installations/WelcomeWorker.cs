using ChatBot.Teams.Activities;
using ChatBot.Teams.Authentication;
using ChatBot.Teams.Connector;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Installations;

/// <summary>
/// Posts the welcomes that are due, from the store, so one that was accepted before a restart (or by another instance)
/// still goes out: woken by <see cref="WelcomeSignal"/>, else every <see cref="PollInterval"/>. A busy connector is
/// retried with its <c>Retry-After</c> (capped); a refusal, or <see cref="MaxAttempts"/> tries, drops the welcome with a
/// log line. A crash between the post and its record can repeat a welcome once, never lose the record of one.
/// </summary>
public sealed partial class WelcomeWorker(
    TeamsInstallationStore store,
    WelcomeSignal signal,
    TeamsConnectorClient connector,
    TrustedServiceUrls trust,
    IOptions<TeamsOptions> options,
    TimeProvider time,
    ILogger<WelcomeWorker> logger) : BackgroundService
{
    internal static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);
    internal static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    internal static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);
    internal const int MaxAttempts = 8;
    private const int Batch = 10;

    private readonly string owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():n}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled && !options.Value.DangerouslyAllowUnauthenticatedRequests)
        {
            return; // no Teams, no installations
        }

        DateTimeOffset? retry = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = await store.ClaimAsync(owner, Batch, Lease, stoppingToken);
                foreach (var welcome in due)
                {
                    if (await PostAsync(welcome, stoppingToken) is { } retryAt && (retry is null || retryAt < retry))
                    {
                        retry = retryAt;
                    }
                }

                if (due.Count > 0)
                {
                    continue; // there may be more: another instance may have taken part of the same rows
                }

                // Asleep until the next poll, or until the earliest retry this worker scheduled, measured on the clock.
                var wake = time.GetUtcNow() + PollInterval;
                if (retry is { } soonest && soonest < wake)
                {
                    wake = soonest;
                }

                retry = null;
                var wait = wake - time.GetUtcNow();
                await signal.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                LogLoopFailed(logger, ex);
                await signal.WaitAsync(PollInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>Posts one welcome and records the outcome; the time of its next try when it will be retried.</summary>
    private async Task<DateTimeOffset?> PostAsync(DueWelcome welcome, CancellationToken cancellationToken)
    {
        var (scope, target) = (welcome.Scope, welcome.Target);
        if (target.ServiceUrlVouched)
        {
            trust.Remember(target.ServiceUrl); // a validated token named it when the welcome became due
        }

        var card = WelcomeCard.Build(target.Locale, shared: !target.Personal);
        var result = await connector.SendAsync(target.ServiceUrl, target.ConversationId, OutboundActivity.Card(card), cancellationToken);
        if (result.Succeeded)
        {
            await store.FinishAsync(scope, owner, TeamsInstallationStore.WelcomePosted, cancellationToken);
            LogPosted(logger, scope.TenantId, scope.Key);
            return null;
        }

        if (result.Status == ConnectorStatus.Retry && welcome.Attempts + 1 < MaxAttempts)
        {
            // Never sooner than Retry-After, never later than LongestWait: a far date must not park the welcome for good.
            var backoff = TimeSpan.FromSeconds(Math.Pow(2, welcome.Attempts + 1));
            var wait = result.RetryAfter is { } after && after > backoff ? after : backoff;
            var retryAt = time.GetUtcNow() + (wait < LongestWait ? wait : LongestWait);
            await store.RetryAsync(scope, owner, retryAt, cancellationToken);
            LogRetry(logger, scope.TenantId, scope.Key, result.HttpStatus);
            return retryAt;
        }

        await store.FinishAsync(scope, owner, TeamsInstallationStore.WelcomeDropped, cancellationToken);
        LogDropped(logger, scope.TenantId, scope.Key, result.HttpStatus, welcome.Attempts + 1);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams welcome posted in tenant {TenantId} ({Scope})")]
    private static partial void LogPosted(ILogger logger, string tenantId, string scope);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams welcome in tenant {TenantId} ({Scope}) will be retried: {Status}")]
    private static partial void LogRetry(ILogger logger, string tenantId, string scope, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams welcome in tenant {TenantId} ({Scope}) dropped after {Attempts} attempt(s): the connector answered {Status}")]
    private static partial void LogDropped(ILogger logger, string tenantId, string scope, int status, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Teams welcome worker could not read the store; retrying")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
