using ChatBot.Http;
using ChatBot.Settings;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.SocketMode;
using ChatBot.Tests.Settings;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Slack.SocketMode;

public sealed class SocketModeUnitTests
{
    [Theory]
    [InlineData("wss://wss-primary.slack.com/link/?ticket=1", true)]
    [InlineData("wss://wss-primary.slack.com:8443/link/", false)]
    [InlineData("ws://wss-primary.slack.com/link/", false)]
    [InlineData("https://wss-primary.slack.com/link/", false)]
    [InlineData("wss://slack.com.evil.example/link/", false)]
    public void SocketHosts_AdmitOnlyWssOnSlacksHosts(string url, bool admitted) =>
        Assert.Equal(admitted, HostAllowList.Parse(["*.slack.com"]).AdmitsWebSocket(new Uri(url)));

    [Theory]
    [InlineData("ws://127.0.0.1:5123/link/", true)]
    [InlineData("ws://127.0.0.1:5124/link/", false)]
    [InlineData("ws://localhost:5123/link/", false)]
    public void LoopbackWs_IsAdmittedOnlyForTheListedPort(string url, bool admitted) =>
        Assert.Equal(admitted, HostAllowList.Parse(["127.0.0.1:5123"]).AdmitsWebSocket(new Uri(url)));

    [Theory]
    [InlineData(1, 0.5, 1)]
    [InlineData(2, 1, 2)]
    [InlineData(4, 4, 8)]
    [InlineData(12, 30, 60)]
    public void Backoff_GrowsWithJitter_UpToAMinute(int failures, double minSeconds, double maxSeconds)
    {
        var delays = Enumerable.Range(0, 50).Select(_ => SocketModeService.Backoff(failures, null)).ToList();
        Assert.All(delays, d => Assert.InRange(d.TotalSeconds, minSeconds, maxSeconds));
        Assert.True(delays.Distinct().Count() > 1, "jittered");
        Assert.Equal(TimeSpan.Zero, SocketModeService.Backoff(0, null));
        Assert.Equal(TimeSpan.FromSeconds(90), SocketModeService.Backoff(1, TimeSpan.FromSeconds(90)));
    }

    [Theory]
    [InlineData("xoxb-1234", "Slack:AppToken must be an app-level token starting with 'xapp-'")]
    [InlineData("xapp-1-A1-2-abc", null)]
    public void AppToken_MustBeAnAppLevelToken(string token, string? problem)
    {
        var problems = Problems(new() { ["Slack:AppToken"] = token, ["Slack:BotToken"] = "xoxb-1" });
        if (problem is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            var line = Assert.Single(problems);
            Assert.StartsWith(problem, line, StringComparison.Ordinal);
            Assert.DoesNotContain(token, line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SocketModeWithoutBotToken_IsPartlyConfigured_AndNeedsNoSigningSecret()
    {
        var line = Assert.Single(Problems(new() { ["Slack:AppToken"] = "xapp-1-A1-2-abc" }));
        Assert.StartsWith("Slack (Socket Mode) is partly configured: Slack:BotToken missing", line, StringComparison.Ordinal);
    }

    [Fact]
    public void AlertsToSlack_WorkInSocketModeWithoutASigningSecret()
    {
        Assert.Empty(Problems(new()
        {
            ["Slack:AppToken"] = "xapp-1-A1-2-abc",
            ["Slack:BotToken"] = "xoxb-1",
            ["Alerts:Platform"] = "slack",
            ["Alerts:Conversation"] = "C0123456789",
        }));
        Assert.NotEmpty(Problems(new() { ["Slack:BotToken"] = "xoxb-1", ["Alerts:Platform"] = "slack", ["Alerts:Conversation"] = "C0123456789" }));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("11")]
    public void SocketConnections_AreBetweenOneAndTen(string value)
    {
        var line = Assert.Single(Problems(new() { ["Slack:SocketConnections"] = value }));
        Assert.StartsWith("Slack:SocketConnections must be between 1 and 10", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_RunsAnEnvelopeOnce_ForgetsRefusals_AndForgetsAfterItsMemory()
    {
        var time = new FakeTimeProvider();
        var ledger = new EnvelopeLedger(time);
        var runs = 0;
        Task<SlackAck> Handle()
        {
            runs++;
            return Task.FromResult(SlackAck.Empty);
        }

        await ledger.AnswerAsync("e1", Handle, out var first);
        await ledger.AnswerAsync("e1", Handle, out var second);
        Assert.Equal((1, false, true), (runs, first, second));

        await ledger.AnswerAsync("e2", () => Task.FromResult(SlackAck.Refused), out _);
        await ledger.AnswerAsync("e2", Handle, out var afterRefusal);
        Assert.Equal((2, false), (runs, afterRefusal));

        time.Advance(EnvelopeLedger.Memory);
        await ledger.AnswerAsync("e1", Handle, out var afterMemory);
        Assert.Equal((3, false), (runs, afterMemory));
    }

    private static IReadOnlyList<string> Problems(Dictionary<string, string?> settings)
    {
        using var services = FeatureServices.Build(settings, out var configuration);
        return SettingsRegistration.AllProblems(services, configuration);
    }
}
