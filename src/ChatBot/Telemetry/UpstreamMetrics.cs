using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChatBot.Telemetry;

/// <summary>The upstream call instrument, shared by every client's <see cref="UpstreamCallHandler"/>.</summary>
public sealed class UpstreamMetrics
{
    public const string UpstreamTag = "chatbot.upstream";
    public const string MethodTag = "chatbot.upstream.method";
    public const string OutcomeTag = "chatbot.upstream.outcome";
    public const string StatusTag = "http.response.status_code";

    private readonly Histogram<double> _duration;

    public UpstreamMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _duration = meters.Create(ChatBotTelemetry.MeterName).CreateHistogram<double>(
            "chatbot.upstream.request.duration", "s", "Calls to Keliweb, Slack, Teams and Graph, by method and outcome",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
    }

    public void Record(string upstream, string method, string outcome, int? status, TimeSpan duration)
    {
        if (!_duration.Enabled)
        {
            return;
        }

        var tags = new TagList { { UpstreamTag, upstream }, { MethodTag, method }, { OutcomeTag, outcome } };
        if (status is { } code)
        {
            tags.Add(StatusTag, code);
        }

        _duration.Record(duration.TotalSeconds, tags);
    }
}
