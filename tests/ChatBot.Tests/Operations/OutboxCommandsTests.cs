using ChatBot.Operations;
using ChatBot.Tests.StandIns;
using ChatBot.Tests.Tickets;
using ChatBot.Tickets;

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
        Assert.Contains("only Uncertain or Failed", again.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await RunAsync(host, "outbox", "retry", "nope")).Exit);
        Assert.Equal(2, (await RunAsync(host, "outbox", "retry")).Exit);
    }

    private static async Task<(int Exit, string Out, string Error)> RunAsync(PipelineHost host, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exit = await OperatorCommand.RunAsync(host.Services, args, new OperatorConsole(new StringReader(""), output, error, inputIsTerminal: false), default);
        return (exit, output.ToString(), error.ToString());
    }
}
