using System.Net;
using ChatBot.Operations;
using ChatBot.Tests.Slack;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Alerts;

/// <summary>Alerts reaching an operator channel in Slack (the stand-in), from the real pipeline.</summary>
public sealed class AlertsFlowTests
{
    private const string AlertChannel = "C0OPERATOR";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AFailedSubmission_IsAnAlert_WithItsIdAndReason_NeverTheMessage()
    {
        await using var host = await StartAsync();
        await host.Keliweb.SetUnknownDepartmentsAsync(2);

        await SubmitAsync(host, "V0ALERT001", "My password is hunter2, please reset.");

        var alert = await WaitForAlertAsync(host, "failed");
        var submission = Assert.Single(await host.Factory.Services.GetRequiredService<ChatBot.Tickets.TicketOutbox>().ListAsync(10, default));
        Assert.Contains($"Submission {submission.Id} failed (slack team {SlackHost.Team}, user {SlackHost.EnglishUser}): Department ID not found.", alert, StringComparison.Ordinal);
        Assert.Contains("The user was told.", alert, StringComparison.Ordinal);
        Assert.Contains($"ChatBot outbox show {submission.Id}", alert, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", alert, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedRefreshToken_IsAnAlert_InItalian_NamingTheAccountAndTheFix()
    {
        await using var host = await StartAsync(new() { ["Alerts:Culture"] = "it" });
        await SubmitAsync(host, "V0ALERT002", "First ticket.");
        await host.Keliweb.WaitForTicketsAsync(1, Wait);
        await host.Keliweb.RevokeRefreshTokensAsync();
        await host.Keliweb.ExpireAccessTokensAsync();

        await SubmitAsync(host, "V0ALERT003", "Second ticket.");

        var alert = await WaitForAlertAsync(host, "default");
        Assert.StartsWith("🔑 L'account Keliweb default richiede un nuovo accesso (Keliweb refused the refresh_token grant (invalid_grant).)", alert, StringComparison.Ordinal);
        Assert.Contains("ChatBot accounts add --id default", alert, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeliwebUnreachableForLongerThanTheSetting_IsAnAlert_AndItsReturnToo()
    {
        await using var host = await StartAsync(new() { ["Alerts:KeliwebDownAfter"] = "00:00:01", ["Tickets:RetryBaseDelay"] = "00:00:00.300" });
        await host.Keliweb.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(503), count: 5);

        await SubmitAsync(host, "V0ALERT004", "Keliweb is down.");

        Assert.StartsWith("🔌 Keliweb has been unreachable since", await WaitForAlertAsync(host, "unreachable"), StringComparison.Ordinal);
        Assert.StartsWith("✅ Keliweb is reachable again after", await WaitForAlertAsync(host, "reachable again"), StringComparison.Ordinal);
        Assert.Single(await host.Keliweb.WaitForTicketsAsync(1, Wait));
    }

    [Fact]
    public async Task AlertsTest_PostsTheTestAlert_OrSaysWhyNot()
    {
        await using var host = await StartAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await OperatorCommand.RunAsync(host.Factory.Services, ["alerts", "test"], new OperatorConsole(new StringReader(""), output, error, false), default);

        Assert.Equal((0, ""), (exit, error.ToString()));
        Assert.StartsWith("Test alert from ChatBot", await WaitForAlertAsync(host, "Test alert"), StringComparison.Ordinal);

        host.Slack.BotChannels.TryRemove(AlertChannel, out _);
        exit = await OperatorCommand.RunAsync(host.Factory.Services, ["alerts", "test"], new OperatorConsole(new StringReader(""), output, error, false), default);
        Assert.Equal(1, exit);
        Assert.Contains("not_in_channel: invite the bot into the channel", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<SlackHost> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Alerts:Platform"] = "slack", ["Alerts:Conversation"] = AlertChannel };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var host = await SlackHost.StartAsync(settings: settings);
        host.Slack.BotChannels[AlertChannel] = true;
        return host;
    }

    private static async Task SubmitAsync(SlackHost host, string viewId, string message)
    {
        await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.EnglishUser, host.Slack.IssueTrigger())));
        var opened = host.Slack.CallsTo("views.open")[^1].Json()["view"]!.AsObject();
        var submission = SlackPayloads.Submission(SlackHost.EnglishUser, viewId, opened, new()
        {
            ["department"] = SlackPayloads.Select("2"),
            ["message"] = SlackPayloads.Text(message),
        });
        using var response = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", submission.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string> WaitForAlertAsync(SlackHost host, string containing)
    {
        var posts = await host.WaitForCallsAsync("chat.postMessage", c => c.Any(p => IsAlert(p, containing)), Wait);
        return posts.First(p => IsAlert(p, containing)).Json()["text"]!.GetValue<string>();
    }

    private static bool IsAlert(SlackApiCall call, string containing) =>
        call.Json()["channel"]?.GetValue<string>() == AlertChannel && call.Json()["text"]!.GetValue<string>().Contains(containing, StringComparison.Ordinal);
}
