namespace ChatBot.Tickets;

/// <summary>
/// What the worker has learned about Keliweb being unreachable. After a request that surely did not get through,
/// new submissions are held (they only get their "queued" notice) until the pause ends, so an outage costs one
/// probe per pause instead of one failed request per queued submission per retry.
/// </summary>
public sealed class KeliwebOutage(TimeProvider time, RetrySchedule schedule)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _until = DateTimeOffset.MinValue;
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
        lock (_lock)
        {
            _failures++;
            var next = schedule.Next(_failures, retryAfter);
            if (next > _until)
            {
                _until = next;
            }
        }
    }

    public void Succeeded()
    {
        lock (_lock)
        {
            _failures = 0;
            _until = DateTimeOffset.MinValue;
        }
    }
}
