using ChatBot.Operations;
using ChatBot.Tests.StandIns;
using ChatBot.Tests.Tickets;
using ChatBot.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Operations;

/// <summary><c>outbox list</c> and <c>outbox retry</c> against a running pipeline and the Keliweb stand-in.</summary>
public sealed class OutboxCommandsTests
{
    [Fact]
    public async Task UncertainSubmission_IsListed_AndRetryOnPurposeOpensIt()
    {
        await using var keliweb = await KeliwebStandIn.StartAsync();
        await using var host = new PipelineHost(keliweb, new Dictionary<string, string?> { ["Keliweb:Timeout"] = "00:00:01" });
        await keliweb.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(502, "", null) with { DelaySeconds = 2 });
        var id = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(PipelineTests.Draft(), "outbox", default)).SubmissionId;
        await host.WaitForStateAsync(id, SubmissionState.Uncertain, TimeSpan.FromSeconds(30));

        var list = await RunAsync(host, "outbox", "list");
        Assert.Equal(0, list.Exit);
        Assert.Contains(id, list.Out, StringComparison.Ordinal);
        Assert.Contains("Uncertain", list.Out, StringComparison.Ordinal);

        var retry = await RunAsync(host, "outbox", "retry", id);
        Assert.Equal(0, retry.Exit);
        var done = await host.WaitForStateAsync(id, SubmissionState.Announced, TimeSpan.FromSeconds(30));
        Assert.Equal((await keliweb.GetTicketsAsync()).Single().Tid, done.Ticket!.Tid);

        var again = await RunAsync(host, "outbox", "retry", id);
        Assert.Equal(1, again.Exit);
        Assert.Contains("is Announced", again.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await RunAsync(host, "outbox", "retry", "nope")).Exit);
        Assert.Equal(2, (await RunAsync(host, "outbox", "retry")).Exit);
    }

    [Fact]
    public async Task WaitingSubmission_RetryMovesItForward_AndItGoesOutOnceKeliwebIsBack()
    {
        await using var keliweb = await KeliwebStandIn.StartAsync();
        // The default longest delay (5 minutes) and an upstream asking for 2099: left alone, it waits minutes.
        await using var host = new PipelineHost(keliweb);
        await keliweb.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(503, "", new() { ["Retry-After"] = Tickets.RetryAfterCapTests.Year2099 }));
        var id = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(PipelineTests.Draft(), "waiting", default)).SubmissionId;
        var waiting = await host.WaitForAsync(
            id, s => s is { State: SubmissionState.Accepted, Attempts: 1 } && s.NextAttemptAt > DateTimeOffset.UtcNow.AddMinutes(1), TimeSpan.FromSeconds(30));
        Assert.True(waiting.NextAttemptAt < DateTimeOffset.UtcNow.AddMinutes(6), $"waits until {waiting.NextAttemptAt:O}, past the longest delay");

        var retry = await RunAsync(host, "outbox", "retry", id);

        Assert.Equal(0, retry.Exit);
        Assert.Contains("moved forward", retry.Out, StringComparison.Ordinal);
        var moved = await host.Outbox.GetAsync(id, default);
        Assert.True(moved!.NextAttemptAt <= DateTimeOffset.UtcNow, $"still waits until {moved.NextAttemptAt:O}");
        // The running bot's outage pause ends when a probe gets through; here the test ends it as a probe would.
        host.Services.GetRequiredService<KeliwebOutage>().Succeeded();
        await host.WaitForStateAsync(id, SubmissionState.Announced, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Show_TellsTheHistory_WithoutTheMessageUnlessAsked_AndNeverTheTicketsAccessKey()
    {
        await using var keliweb = await KeliwebStandIn.StartAsync();
        await using var host = new PipelineHost(keliweb);
        await keliweb.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(503));
        var id = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(PipelineTests.Draft(), "show", default)).SubmissionId;
        var done = await host.WaitForStateAsync(id, SubmissionState.Announced, TimeSpan.FromSeconds(30));

        var show = await RunAsync(host, "outbox", "show", id);
        var withMessage = await RunAsync(host, "outbox", "show", id, "--with-message");

        Assert.Equal((0, ""), (show.Exit, show.Error));
        Assert.Contains($"Submission:  {id}", show.Out, StringComparison.Ordinal);
        Assert.Contains($"ticket:      #{done.Ticket!.Tid}", show.Out, StringComparison.Ordinal);
        Assert.Contains("subject:     Il sito non risponde", show.Out, StringComparison.Ordinal);
        var history = show.Out[show.Out.IndexOf("History:", StringComparison.Ordinal)..].Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(["Accepted", "Sending", "Accepted", "Sending", "Opened", "Announced"], history.Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries)[1].Split(' ')[0]));
        Assert.Contains(history, l => l.Contains("attempt 1: Keliweb", StringComparison.Ordinal));
        Assert.DoesNotContain("errore 502", show.Out, StringComparison.Ordinal);
        Assert.Contains("Da stamattina **errore 502**", withMessage.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(done.Ticket.AccessKey, show.Out + withMessage.Out, StringComparison.Ordinal);
        Assert.Equal((1, "No submission nope.\n"), ((await RunAsync(host, "outbox", "show", "nope")).Exit, (await RunAsync(host, "outbox", "show", "nope")).Error));
    }

    [Fact]
    public async Task List_FiltersByState_Platform_AndAge()
    {
        await using var keliweb = await KeliwebStandIn.StartAsync();
        await using var host = new PipelineHost(keliweb);
        var ids = new Dictionary<string, string>();
        foreach (var (key, platform, state, hoursAgo) in new[]
        {
            ("slack-failed-old", "slack", "Failed", 30), ("teams-failed-old", "teams", "Failed", 30),
            ("teams-failed-new", "teams", "Failed", 1), ("teams-uncertain-old", "teams", "Uncertain", 48),
        })
        {
            var draft = PipelineTests.Draft() with { Requester = PipelineTests.Draft().Requester with { Platform = platform } };
            var at = DateTimeOffset.UtcNow.AddHours(-hoursAgo).ToUnixTimeMilliseconds();
            ids[key] = key;
            await using var connection = await host.Services.GetRequiredService<ChatBot.Storage.Database>().OpenAsync(default);
            // Written already ended, so the running worker leaves them alone.
            await Dapper.SqlMapper.ExecuteAsync(connection,
                """
                INSERT INTO submissions (id, idempotency_key, platform, team_id, user_id, state, draft, attempts, next_attempt_at, created_at, updated_at)
                VALUES (@key, @key, @platform, 'T1', 'U1', @state, @draft, 1, 0, @at, @at)
                """,
                new { key, platform, state, at, draft = System.Text.Json.JsonSerializer.Serialize(draft, TicketsJsonContext.Default.TicketDraft) });
        }

        var failedTeamsOld = await RunAsync(host, "outbox", "list", "--state", "Failed", "--platform", "Teams", "--older-than", "1d");
        var badInTwoDays = await RunAsync(host, "outbox", "list", "--state", "failed,uncertain", "--newer-than", "2d", "--older-than", "2h");

        Assert.Equal(0, failedTeamsOld.Exit);
        Assert.Equal([ids["teams-failed-old"]], Rows(failedTeamsOld.Out));
        Assert.Equal(new[] { ids["slack-failed-old"], ids["teams-failed-old"] }.Order(), Rows(badInTwoDays.Out).Order());
        Assert.Equal(2, (await RunAsync(host, "outbox", "list", "--state", "Lost")).Exit);
        Assert.Equal(2, (await RunAsync(host, "outbox", "list", "--older-than", "soon")).Exit);
        Assert.Equal(2, (await RunAsync(host, "outbox", "list", "--platform", "irc")).Exit);
    }

    private static List<string> Rows(string table) =>
        [.. table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(' ')[0])];

    private static async Task<(int Exit, string Out, string Error)> RunAsync(PipelineHost host, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exit = await OperatorCommand.RunAsync(host.Services, args, new OperatorConsole(new StringReader(""), output, error, inputIsTerminal: false), default);
        return (exit, output.ToString(), error.ToString());
    }
}
