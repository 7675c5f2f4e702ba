using System.Diagnostics;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Connector;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Teams.Connector;

/// <summary>Answers of 150 MB from the Bot Connector and from the token endpoint are read no further than the cap.</summary>
public sealed class ConnectorOversizedAnswerTests : IAsyncLifetime
{
    private const long HugeAnswer = 150L * 1024 * 1024;

    // 100 ms per MB: 15 s for a stand-in to send it all.
    private const int ChunkDelayMs = 100;

    private TeamsParts parts = null!;
    private TeamsConnectorClient client = null!;

    private TeamsConnectorStandIn Connector => parts.Connector;

    public async Task InitializeAsync()
    {
        // The clients keep HttpClient's default timeout (100 s): the cap, not a timeout, must be what ends the read.
        parts = await TeamsParts.StartAsync();
        parts.Trust.Remember(Connector.ServiceUrl);
        client = parts.ConnectorClient();
    }

    public async Task DisposeAsync() => await parts.DisposeAsync();

    [Fact]
    public async Task ConnectorAnswering150Mb_TheActivityCountsAsSent_AndTheBotHangsUpEarly()
    {
        Connector.FloodNext(HugeAnswer, ChunkDelayMs);

        var watch = Stopwatch.StartNew();
        var result = await client.SendAsync(Connector.ServiceUrl, "a:1", OutboundActivity.Markdown("hi"), CancellationToken.None);
        watch.Stop();

        // The connector took the activity (200); only its id is unknown.
        Assert.True(result.Succeeded, result.Reason);
        Assert.Null(result.Id);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"the call took {watch.Elapsed}");
        var flood = await FloodAnswer.WaitForAsync(() => Connector.LastFlood);
        Assert.True(flood.ClientHungUp && flood.BytesWritten < 40L * 1024 * 1024, $"{flood.BytesWritten} bytes went out (hung up: {flood.ClientHungUp})");
    }

    [Fact]
    public async Task TokenEndpointAnswering150Mb_IsNoToken_SoTheCallWaitsForALaterTry()
    {
        parts.Login.FloodNextToken(HugeAnswer, ChunkDelayMs);

        var watch = Stopwatch.StartNew();
        var result = await client.SendAsync(Connector.ServiceUrl, "a:1", OutboundActivity.Markdown("hi"), CancellationToken.None);
        watch.Stop();

        Assert.Equal(ConnectorStatus.Retry, result.Status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"the call took {watch.Elapsed}");
        Assert.Empty(Connector.Calls);
        var flood = await FloodAnswer.WaitForAsync(() => parts.Login.LastFlood);
        Assert.True(flood.ClientHungUp && flood.BytesWritten < 40L * 1024 * 1024, $"{flood.BytesWritten} bytes went out (hung up: {flood.ClientHungUp})");
    }
}
