using ChatBot.Alerts;

namespace ChatBot.Tickets;

/// <summary>
/// What the worker has learned about Keliweb being unreachable. After a request that surely did not get through,
/// new submissions are held (they only get their "queued" notice) until the pause ends, so an outage costs one
/// probe per pause instead of one failed request per queued submission per retry.
/// </summary>
/// <remarks>An outage that lasts (from the first failure in a row) is an operator alert; so is its end.</remarks>
public sealed class KeliwebOutage(TimeProvider time, RetrySchedule schedule, OperatorAlerts alerts)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _until = DateTimeOffset.MinValue;
    private DateTimeOffset? _since;
    private int _failures;

    /// <summary>When requests may go out again; in the past when Keliweb is thought reachable.</summary>
    public DateTimeOffset PausedUntil
    {
        get
        {
            lock (_lock)
            {
                return _until;
            }
        }
    }

    public bool IsPaused => PausedUntil > time.GetUtcNow();

    /// <summary>A request surely did not get through: pause, longer after each failure in a row, never shorter than Retry-After.</summary>
    public void Failed(TimeSpan? retryAfter)
    {
        DateTimeOffset since;
        lock (_lock)
        {
            _failures++;
            since = _since ??= time.GetUtcNow();
            var next = schedule.Next(_failures, retryAfter);
            if (next > _until)
            {
                _until = next;
            }
        }

        alerts.KeliwebFailing(since);
    }

    public void Succeeded()
    {
        DateTimeOffset? since;
        lock (_lock)
        {
            since = _since;
            _failures = 0;
            _until = DateTimeOffset.MinValue;
            _since = null;
        }

        if (since is { } outage)
        {
            alerts.KeliwebBack(outage);
        }
    }
}
