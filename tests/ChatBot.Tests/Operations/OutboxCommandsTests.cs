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

    private static async Task<(int Exit, string Out, string Error)> RunAsync(PipelineHost host, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exit = await OperatorCommand.RunAsync(host.Services, args, new OperatorConsole(new StringReader(""), output, error, inputIsTerminal: false), default);
        return (exit, output.ToString(), error.ToString());
    }
}
