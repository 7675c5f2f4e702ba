using Microsoft.Extensions.Options;

namespace ChatBot.Sync;

/// <summary>
/// When a followed ticket is read next: every <c>Sync:ActivePollInterval</c> while it had activity in the last hour,
/// then an interval that doubles per idle look up to <c>Sync:IdlePollInterval</c>. Each time is jittered up to +10%, so
/// tickets announced together drift apart instead of coming due in the same second forever.
/// </summary>
public sealed class PollSchedule(IOptionsMonitor<SyncOptions> options, TimeProvider time)
{
    public TimeSpan Interval(FollowedTicket ticket, bool activeNow)
    {
        var o = options.CurrentValue;
        if (activeNow || time.GetUtcNow() - ticket.LastActivityAt < SyncOptions.ActiveWindow)
        {
            return o.ActivePollInterval;
        }

        var doubled = ticket.Interval < o.ActivePollInterval ? o.ActivePollInterval : ticket.Interval * 2;
        return doubled > o.IdlePollInterval ? o.IdlePollInterval : doubled;
    }

    /// <summary>After a failed look: the interval doubles like an idle one, and never comes sooner than <paramref name="notBefore"/>.</summary>
    public TimeSpan Backoff(FollowedTicket ticket, TimeSpan? notBefore)
    {
        var o = options.CurrentValue;
        var doubled = ticket.Interval < o.ActivePollInterval ? o.ActivePollInterval : ticket.Interval * 2;
        var interval = doubled > o.IdlePollInterval ? o.IdlePollInterval : doubled;
        return notBefore is { } wait && wait > interval ? wait : interval;
    }

    public DateTimeOffset Next(TimeSpan interval)
    {
#pragma warning disable CA5394 // jitter, not security
        return time.GetUtcNow() + (interval * (1 + (Random.Shared.NextDouble() * 0.1)));
#pragma warning restore CA5394
    }
}
