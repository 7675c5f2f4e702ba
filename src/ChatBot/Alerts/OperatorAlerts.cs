using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace ChatBot.Alerts;

/// <summary>
/// Where any feature raises an alert for the operator. Every alert is logged (Warning); with <c>Alerts:Platform</c> set
/// it is also queued for <see cref="AlertDispatcher"/>, which rate-limits and posts it. Raising never waits and never
/// fails: the pipeline calls it on its way. Depends on nothing but its options, so the pipeline, the Keliweb tokens and
/// later features (the sync worker) can all use it.
/// </summary>
public sealed partial class OperatorAlerts(IOptionsMonitor<AlertsOptions> options, TimeProvider time, ILogger<OperatorAlerts> logger)
{
    // An alert storm must not grow memory: past this many waiting, the oldest go (the throttle would hold them anyway).
    private const int Capacity = 1000;

    private readonly Channel<OperatorAlert> _queue = Channel.CreateBounded<OperatorAlert>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Lock _outageLock = new();
    private DateTimeOffset? _outageAlerted;

    internal ChannelReader<OperatorAlert> Queue => _queue.Reader;

    public void Raise(OperatorAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        LogRaised(alert.Kind, alert.Key, alert.Text(AlertTexts.English));
        if (options.CurrentValue.Enabled)
        {
            _queue.Writer.TryWrite(alert);
        }
    }

    /// <summary>A submission ended Failed or Uncertain; <paramref name="userTold"/> says whether its notice reached the user.</summary>
    public void SubmissionEnded(string submissionId, bool uncertain, string platform, string teamId, string userId, string? reason, bool userTold) =>
        Raise(new OperatorAlert(
            uncertain ? AlertKinds.SubmissionUncertain : AlertKinds.SubmissionFailed,
            submissionId,
            t => (uncertain ? t.SubmissionUncertain : t.SubmissionFailed)(submissionId, platform, teamId, userId, reason, userTold)));

    /// <summary>A ticket was opened but chat took none of its notice: its requester does not know the number.</summary>
    public void SubmissionUnannounced(string submissionId, string? tid, string platform, string teamId, string userId, string? reason) =>
        Raise(new OperatorAlert(
            AlertKinds.SubmissionUnannounced, submissionId, t => t.SubmissionUnannounced(submissionId, tid ?? "?", platform, teamId, userId, reason)));

    /// <summary>Keliweb refused an account's refresh token: someone must sign in again.</summary>
    public void AccountNeedsSignIn(string accountId, string reason) =>
        Raise(new OperatorAlert(AlertKinds.AccountNeedsSignIn, accountId, t => t.AccountNeedsSignIn(accountId, reason)));

    /// <summary>
    /// The worker failed to reach Keliweb again, unreachable since <paramref name="since"/>: alerts once per outage, once
    /// it has lasted <c>Alerts:KeliwebDownAfter</c>.
    /// </summary>
    public void KeliwebFailing(DateTimeOffset since)
    {
        var down = time.GetUtcNow() - since;
        lock (_outageLock)
        {
            if (down < options.CurrentValue.KeliwebDownAfter || _outageAlerted == since)
            {
                return;
            }

            _outageAlerted = since;
        }

        Raise(new OperatorAlert(AlertKinds.KeliwebUnreachable, "keliweb", t => t.KeliwebUnreachable(since, down)));
    }

    /// <summary>Keliweb answered again after being unreachable since <paramref name="since"/>: the all-clear, if the outage was alerted.</summary>
    public void KeliwebBack(DateTimeOffset since)
    {
        lock (_outageLock)
        {
            if (_outageAlerted != since)
            {
                return;
            }

            _outageAlerted = null;
        }

        var down = time.GetUtcNow() - since;
        Raise(new OperatorAlert(AlertKinds.KeliwebReachable, "keliweb", t => t.KeliwebReachable(down)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator alert {Kind} ({Key}): {Text}")]
    private partial void LogRaised(string kind, string key, string text);
}
