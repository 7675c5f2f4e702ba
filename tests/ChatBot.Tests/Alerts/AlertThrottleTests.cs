using ChatBot.Alerts;

namespace ChatBot.Tests.Alerts;

public sealed class AlertThrottleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly AlertThrottle _throttle = new();

    [Fact]
    public void TheFirstOfAKind_GoesAtOnce_TheNextWithinTheInterval_AreHeld_AndSummedUpInTheNextOne()
    {
        Assert.Equal("a1", _throttle.Offer(Alert("failed", "a1"), Start, Interval, AlertTexts.English));
        Assert.Null(_throttle.Offer(Alert("failed", "a2"), Start.AddMinutes(1), Interval, AlertTexts.English));
        Assert.Null(_throttle.Offer(Alert("failed", "a3"), Start.AddMinutes(2), Interval, AlertTexts.English));
        Assert.Equal("u1", _throttle.Offer(Alert("uncertain", "u1"), Start.AddMinutes(3), Interval, AlertTexts.English));

        var next = _throttle.Offer(Alert("failed", "a4"), Start.AddMinutes(16), Interval, AlertTexts.English);

        Assert.Equal("a4\n…and 2 more like it since 2026-12-01 09:01 UTC: a2, a3.", next);
    }

    [Fact]
    public void HeldAlerts_WithNoNewOne_AreSummedUpOnceTheIntervalIsOver_InTheOperatorsLanguage()
    {
        _throttle.Offer(Alert("failed", "a1"), Start, Interval, AlertTexts.Italian);
        _throttle.Offer(Alert("failed", "a2"), Start.AddMinutes(5), Interval, AlertTexts.Italian);

        Assert.Empty(_throttle.DueSummaries(Start.AddMinutes(10), Interval, AlertTexts.Italian));
        Assert.Equal(["…e altri 1 avvisi simili dalle 2026-12-01 09:05 UTC: a2."], _throttle.DueSummaries(Start.AddMinutes(15), Interval, AlertTexts.Italian));
        Assert.Empty(_throttle.DueSummaries(Start.AddMinutes(40), Interval, AlertTexts.Italian));
    }

    private static OperatorAlert Alert(string kind, string key) => new(kind, key, _ => key);
}
