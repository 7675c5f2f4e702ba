using Microsoft.Extensions.Options;

namespace ChatBot.Tickets;

/// <summary>Exponential backoff with jitter, never sooner than the server's Retry-After.</summary>
public sealed class RetrySchedule(TimeProvider time, IOptionsMonitor<TicketsOptions> options)
{
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(5);

    public DateTimeOffset Next(int attempts, TimeSpan? retryAfter)
    {
        var first = options.CurrentValue.RetryBaseDelay;
        var exponential = TimeSpan.FromTicks(Math.Min(Longest.Ticks, first.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20))));
        // ±20% so that submissions queued during one outage do not all come back in the same second.
#pragma warning disable CA5394 // jitter, not security
        var jittered = exponential * (0.8 + (Random.Shared.NextDouble() * 0.4));
#pragma warning restore CA5394
        var delay = retryAfter is { } after && after > jittered ? after : jittered;
        return time.GetUtcNow() + delay;
    }
}
