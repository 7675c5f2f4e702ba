using Microsoft.Extensions.Options;

namespace ChatBot.Sync;

/// <summary>
/// The request budget (<c>Sync:MaxRequestsPerSecond</c>): get-ticket requests start at least 1/rate apart, each turn
/// pushed back by up to 20% more at random. Jitter only ever adds delay, so no second sees more than the budget, however
/// many tickets are due: 10,000 of them queue here, not at Keliweb.
/// </summary>
public sealed class PollBudget(IOptionsMonitor<SyncOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    /// <summary>Waits for this request's turn.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var turn = _next > now ? _next : now;
            var spacing = TimeSpan.FromSeconds(1 / options.CurrentValue.MaxRequestsPerSecond);
#pragma warning disable CA5394 // jitter, not security
            _next = turn + (spacing * (1 + (Random.Shared.NextDouble() * 0.2)));
#pragma warning restore CA5394
            wait = turn - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
