using System.Net.Http.Headers;

namespace ChatBot.Http;

/// <summary>
/// <c>Retry-After</c> as a delay, in either form (seconds, or an HTTP date measured on the injected clock), never
/// negative. Taken as the upstream wrote it: how far the bot is willing to wait is the retry schedule's business
/// (<see cref="Tickets.RetrySchedule"/>), so one far date cannot freeze anything.
/// </summary>
public static class RetryAfterHeader
{
    public static TimeSpan? Delay(HttpResponseHeaders headers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(time);
        var header = headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta > TimeSpan.Zero ? delta : TimeSpan.Zero;
        }

        if (header?.Date is { } date)
        {
            var delay = date - time.GetUtcNow();
            return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        }

        return null;
    }
}
