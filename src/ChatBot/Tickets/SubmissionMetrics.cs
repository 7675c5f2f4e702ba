using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChatBot.Telemetry;

namespace ChatBot.Tickets;

/// <summary>
/// The pipeline's counters: <c>chatbot.submissions.accepted</c> by platform, <c>chatbot.submissions.ended</c> by platform
/// and final state (Announced, Failed, Uncertain, Unannounced), and <c>chatbot.keliweb.reachable</c> (0 while the worker holds
/// submissions back because Keliweb is unreachable). The waiting queue is measured from the store (Health/StoreGauges).
/// </summary>
public sealed class SubmissionMetrics
{
    public const string PlatformTag = "chatbot.platform";
    public const string StateTag = "chatbot.submission.state";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _ended;

    public SubmissionMetrics(IMeterFactory meters, KeliwebOutage outage)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(outage);
        var meter = meters.Create(ChatBotTelemetry.MeterName);
        _accepted = meter.CreateCounter<long>("chatbot.submissions.accepted", "{submission}", "Submissions stored for the worker, by platform");
        _ended = meter.CreateCounter<long>("chatbot.submissions.ended", "{submission}", "Submissions that reached an end and were announced, by platform and final state");
        meter.CreateObservableGauge("chatbot.keliweb.reachable", () => outage.IsPaused ? 0 : 1, "1",
            "1 while Keliweb is thought reachable, 0 while the worker holds submissions back after a failed request");
    }

    public void Accepted(string platform)
    {
        if (_accepted.Enabled)
        {
            _accepted.Add(1, new KeyValuePair<string, object?>(PlatformTag, platform));
        }
    }

    public void Ended(string platform, SubmissionState state)
    {
        if (_ended.Enabled)
        {
            _ended.Add(1, new TagList { { PlatformTag, platform }, { StateTag, state.ToString() } });
        }
    }
}
