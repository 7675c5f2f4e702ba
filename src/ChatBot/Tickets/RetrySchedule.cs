using Microsoft.Extensions.Options;

namespace ChatBot.Tickets;

/// <summary>
/// When to try again: exponential backoff with jitter from <see cref="TicketsOptions.RetryBaseDelay"/>, never sooner
/// than the upstream's <c>Retry-After</c>, and never later than <see cref="TicketsOptions.RetryMaxDelay"/> nor (for a
/// submission) its deadline, <c>CreatedAt + MaxRetryAge</c>. <c>Retry-After</c> is a hint from a server the bot does not
/// control: honoured up to the longest delay, since one far date (the year 2099) must not freeze a row or the pipeline.
/// </summary>
public sealed class RetrySchedule(TimeProvider time, IOptionsMonitor<TicketsOptions> options)
{
    /// <summary>When attempt <paramref name="attempts"/> + 1 may go, with no deadline (the outage pause).</summary>
    public DateTimeOffset Next(int attempts, TimeSpan? retryAfter)
    {
        var settings = options.CurrentValue;
        var longest = settings.RetryMaxDelay;
        var exponential = TimeSpan.FromTicks(Math.Min(longest.Ticks, settings.RetryBaseDelay.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20))));
        // ±20% so that submissions queued during one outage do not all come back in the same second.
#pragma warning disable CA5394 // jitter, not security
        var jittered = exponential * (0.8 + (Random.Shared.NextDouble() * 0.4));
#pragma warning restore CA5394
        var delay = retryAfter is { } after && after > jittered ? after : jittered;
        return time.GetUtcNow() + (delay < longest ? delay : longest);
    }

    /// <summary>When <paramref name="s"/> may be tried again: <see cref="Next(int, TimeSpan?)"/>, but not after its deadline.</summary>
    public DateTimeOffset Next(Submission s, TimeSpan? retryAfter)
    {
        var next = Next(s.Attempts, retryAfter);
        var deadline = Deadline(s);
        return next < deadline ? next : deadline;
    }

    /// <summary>Past this, a submission Keliweb never received ends as failed (and a notice chat never took is given up).</summary>
    public DateTimeOffset Deadline(Submission s) => s.CreatedAt + options.CurrentValue.MaxRetryAge;

    public bool IsPastDeadline(Submission s) => time.GetUtcNow() > Deadline(s);
}
