using System.Diagnostics.Metrics;
using ChatBot.Telemetry;
using Microsoft.Extensions.Options;

namespace ChatBot.Alerts;

/// <summary>
/// Posts the queued alerts to the operator's conversation through the platform's <see cref="IAlertChannel"/>,
/// rate-limited by <see cref="AlertThrottle"/>; counts them as <c>chatbot.alerts.sent</c> by kind and outcome.
/// </summary>
public sealed partial class AlertDispatcher : BackgroundService
{
    private static readonly TimeSpan SummaryCheck = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PostTimeout = TimeSpan.FromSeconds(20);

    private readonly OperatorAlerts _alerts;
    private readonly IEnumerable<IAlertChannel> _channels;
    private readonly IOptionsMonitor<AlertsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertDispatcher> _logger;
    private readonly AlertThrottle _throttle = new();
    private readonly Counter<long> _sent;

    public AlertDispatcher(
        OperatorAlerts alerts, IEnumerable<IAlertChannel> channels, IOptionsMonitor<AlertsOptions> options, TimeProvider time, IMeterFactory meters,
        ILogger<AlertDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _alerts = alerts;
        _channels = channels;
        _options = options;
        _time = time;
        _logger = logger;
        _sent = meters.Create(ChatBotTelemetry.MeterName).CreateCounter<long>("chatbot.alerts.sent", "{alert}", "Alerts posted to the operator's conversation, by kind and outcome");
    }

    /// <summary>Posts one text now, past the throttle (the operator's <c>alerts test</c>).</summary>
    public async Task<AlertDelivery> PostAsync(string text, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        if (!options.Enabled)
        {
            return AlertDelivery.Failed("no operator conversation is configured (Alerts:Platform, Alerts:Conversation)");
        }

        var platform = options.Platform!.Trim().ToLowerInvariant();
        if (_channels.FirstOrDefault(c => c.Platform == platform) is not { } channel)
        {
            return AlertDelivery.Failed($"{platform} is not available in this process");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PostTimeout);
        try
        {
            return await channel.PostAlertAsync(options.Conversation!.Trim(), text, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AlertDelivery.Failed("timed out");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SummaryCheck, _time);
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        var next = _alerts.Queue.WaitToReadAsync(stoppingToken).AsTask();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await Task.WhenAny(next, tick) == tick)
                {
                    await tick;
                    var options = _options.CurrentValue;
                    foreach (var summary in _throttle.DueSummaries(_time.GetUtcNow(), options.MinInterval, AlertTexts.For(options.Culture)))
                    {
                        await SendAsync("held-back", summary, stoppingToken);
                    }

                    tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
                    continue;
                }

                if (!await next)
                {
                    return;
                }

                while (_alerts.Queue.TryRead(out var alert))
                {
                    var options = _options.CurrentValue;
                    if (_throttle.Offer(alert, _time.GetUtcNow(), options.MinInterval, AlertTexts.For(options.Culture)) is { } text)
                    {
                        await SendAsync(alert.Kind, text, stoppingToken);
                    }
                }

                next = _alerts.Queue.WaitToReadAsync(stoppingToken).AsTask();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(string kind, string text, CancellationToken cancellationToken)
    {
        var delivery = await PostAsync(text, cancellationToken);
        _sent.Add(1, new KeyValuePair<string, object?>("chatbot.alert.kind", kind), new KeyValuePair<string, object?>("chatbot.alert.outcome", delivery.Posted ? "posted" : "failed"));
        if (!delivery.Posted)
        {
            LogNotPosted(kind, delivery.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Operator alert {Kind} could not be posted: {Reason}")]
    private partial void LogNotPosted(string kind, string? reason);
}
