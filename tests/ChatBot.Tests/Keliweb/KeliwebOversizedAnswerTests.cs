using System.Diagnostics;
using ChatBot.Keliweb;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Keliweb;

/// <summary>
/// Keliweb's answers are a few hundred bytes; one of 150 MB (a broken proxy, a hostile upstream) is refused after the
/// cap instead of being buffered, and classed by what may have happened to the request.
/// </summary>
public sealed class KeliwebOversizedAnswerTests
{
    private const long HugeAnswer = 150L * 1024 * 1024;

    // 100 ms per MB: the stand-in needs 15 s to send it all, so an early end is the bot's doing.
    private const int ChunkDelayMs = 100;

    private static readonly Dictionary<string, string?> PatientTimeout = new() { ["Keliweb:Timeout"] = "00:01:00" };

    [Fact]
    public async Task OpenTicket_150MbChunkedAnswerAfterProcessing_IsUncertainAtOnce()
    {
        await using var host = await KeliwebTestHost.StartAsync(PatientTimeout);
        await host.StandIn.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Flood(HugeAnswer, ChunkDelayMs));

        var watch = Stopwatch.StartNew();
        var result = await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, KeliwebTestHost.ClientTicket(), CancellationToken.None);
        watch.Stop();

        var uncertain = Assert.IsType<KeliwebResult<OpenedTicket>.Uncertain>(result);
        Assert.Contains("65536", uncertain.Reason, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"the call took {watch.Elapsed}: the answer was read far past the cap");
        Assert.Single(await host.StandIn.GetTicketsAsync());
    }

    [Fact]
    public async Task TokenEndpoint_150MbChunkedAnswer_IsNotSentAtOnce()
    {
        await using var host = await KeliwebTestHost.StartAsync(PatientTimeout);
        await host.StandIn.FailNextAsync(KeliwebStandIn.Token, StandInFault.Flood(HugeAnswer, ChunkDelayMs, processFirst: false));

        var watch = Stopwatch.StartNew();
        var result = await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, KeliwebTestHost.ClientTicket(), CancellationToken.None);
        watch.Stop();

        Assert.IsType<KeliwebResult<OpenedTicket>.NotSent>(result);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"the call took {watch.Elapsed}: the token answer was read far past the cap");
        Assert.Equal(0, await host.StandIn.GetCallCountAsync(KeliwebStandIn.OpenTicket));
    }

    [Fact]
    public async Task AnswerWithADeclaredLengthPastTheCap_IsRefusedBeforeItsBodyIsRead()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        var body = "{\"result\":\"success\",\"id\":1,\"tid\":\"123456\",\"c\":\"x\",\"padding\":\"" + new string('a', 70_000) + "\"}";
        await host.StandIn.FailNextAsync(KeliwebStandIn.GetTicket, StandInFault.Http(200, body));

        var result = await host.Client.GetTicketAsync(KeliwebOptions.DefaultAccountId, 1, null, CancellationToken.None);

        Assert.IsType<KeliwebResult<KeliwebTicket>.Uncertain>(result);
    }
}
