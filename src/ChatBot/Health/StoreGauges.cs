using System.Diagnostics.Metrics;
using ChatBot.Telemetry;

namespace ChatBot.Health;

/// <summary>
/// The pipeline's levels as gauges, read from the store: <c>chatbot.submissions.waiting</c> (by state),
/// <c>chatbot.submissions.oldest_waiting.age</c> (seconds) and <c>chatbot.accounts.needing_sign_in</c>. Refreshed every
/// <see cref="Interval"/> while an exporter listens; with none, the store is never asked.
/// </summary>
public sealed partial class StoreGauges : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly StoreSnapshots _snapshots;
    private readonly TimeProvider _time;
    private readonly ILogger<StoreGauges> _logger;
    private readonly ObservableGauge<long> _waiting;
    private readonly ObservableGauge<double> _oldest;
    private readonly ObservableGauge<long> _accounts;

    public StoreGauges(StoreSnapshots snapshots, IMeterFactory meters, TimeProvider time, ILogger<StoreGauges> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _snapshots = snapshots;
        _time = time;
        _logger = logger;
        var meter = meters.Create(ChatBotTelemetry.MeterName);
        _waiting = meter.CreateObservableGauge("chatbot.submissions.waiting", ObserveWaiting, "{submission}",
            "Submissions not yet ended, by state (NoticeDue: ended, the user's notice still to be posted)");
        _oldest = meter.CreateObservableGauge("chatbot.submissions.oldest_waiting.age", ObserveOldest, "s",
            "Age of the oldest submission not yet ended; 0 when none waits");
        _accounts = meter.CreateObservableGauge("chatbot.accounts.needing_sign_in", () => (long)(_snapshots.Latest?.AccountsNeedingSignIn.Count ?? 0), "{account}",
            "Keliweb accounts whose refresh token was refused: their users' tickets fail until someone signs in again");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        do
        {
            if (!_waiting.Enabled && !_oldest.Enabled && !_accounts.Enabled)
            {
                continue;
            }

            try
            {
                await _snapshots.ReadAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                LogReadFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private IEnumerable<Measurement<long>> ObserveWaiting()
    {
        var waiting = _snapshots.Latest?.Waiting ?? new Dictionary<string, long>();
        foreach (var state in (string[])["Accepted", "Sending", "Opened", StoreSnapshot.NoticeDue])
        {
            yield return new Measurement<long>(waiting.GetValueOrDefault(state), new KeyValuePair<string, object?>("chatbot.submission.state", state));
        }
    }

    private double ObserveOldest() => _snapshots.Latest?.OldestWaitingAge?.TotalSeconds ?? 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store could not be read for the gauges; they keep their last values")]
    private partial void LogReadFailed(Exception exception);
}
