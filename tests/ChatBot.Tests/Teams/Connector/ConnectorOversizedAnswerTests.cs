using System.Diagnostics;
using ChatBot.Teams;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Authentication;
using ChatBot.Teams.Connector;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Teams.Connector;

/// <summary>Answers of 150 MB from the Bot Connector and from the token endpoint are read no further than the cap.</summary>
public sealed class ConnectorOversizedAnswerTests : IAsyncLifetime
{
    private const long HugeAnswer = 150L * 1024 * 1024;

    // 100 ms per MB: 15 s for a stand-in to send it all.
    private const int ChunkDelayMs = 100;

    private readonly BotFrameworkTokenSigner signer = new();
    private BotFrameworkLoginStandIn login = null!;
    private TeamsConnectorStandIn connector = null!;
    private ServiceProvider services = null!;
    private TeamsConnectorClient client = null!;

    public async Task InitializeAsync()
    {
        login = await BotFrameworkLoginStandIn.StartAsync(signer);
        connector = await TeamsConnectorStandIn.StartAsync(login);
        var options = Options.Create(new TeamsOptions
        {
            AppId = BotFrameworkTokenSigner.AppId,
            AppPassword = BotFrameworkLoginStandIn.AppPassword,
            TokenEndpoint = login.TokenEndpoint,
        });
        // The app's own timeouts are seconds; a minute here shows the cap, not a timeout, ends the read.
        services = new ServiceCollection().AddHttpClient().ConfigureHttpClientDefaults(b => b.ConfigureHttpClient(c => c.Timeout = TimeSpan.FromMinutes(1)))
            .BuildServiceProvider();
        var factory = services.GetRequiredService<IHttpClientFactory>();
        var trust = new TrustedServiceUrls(options);
        trust.Remember(connector.ServiceUrl);
        var tokens = new ConnectorTokenProvider(factory, options, TimeProvider.System, NullLogger<ConnectorTokenProvider>.Instance);
        client = new TeamsConnectorClient(factory, tokens, trust, NullLogger<TeamsConnectorClient>.Instance);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await connector.DisposeAsync();
        await login.DisposeAsync();
        signer.Dispose();
    }

    [Fact]
    public async Task ConnectorAnswering150Mb_TheActivityCountsAsSent_AndTheBotHangsUpEarly()
    {
        connector.FloodNext(HugeAnswer, ChunkDelayMs);

        var watch = Stopwatch.StartNew();
        var result = await client.SendAsync(connector.ServiceUrl, "a:1", OutboundActivity.Markdown("hi"), CancellationToken.None);
        watch.Stop();

        // The connector took the activity (200); only its id is unknown.
        Assert.True(result.Succeeded, result.Reason);
        Assert.Null(result.Id);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"the call took {watch.Elapsed}");
        var flood = await WaitForAsync(() => connector.LastFlood);
        Assert.True(flood.ClientHungUp && flood.BytesWritten < 40L * 1024 * 1024, $"{flood.BytesWritten} bytes went out (hung up: {flood.ClientHungUp})");
    }

    [Fact]
    public async Task TokenEndpointAnswering150Mb_IsNoToken_SoTheCallWaitsForALaterTry()
    {
        login.FloodNextToken(HugeAnswer, ChunkDelayMs);

        var watch = Stopwatch.StartNew();
        var result = await client.SendAsync(connector.ServiceUrl, "a:1", OutboundActivity.Markdown("hi"), CancellationToken.None);
        watch.Stop();

        Assert.Equal(ConnectorStatus.Retry, result.Status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"the call took {watch.Elapsed}");
        Assert.Empty(connector.Calls);
        var flood = await WaitForAsync(() => login.LastFlood);
        Assert.True(flood.ClientHungUp && flood.BytesWritten < 40L * 1024 * 1024, $"{flood.BytesWritten} bytes went out (hung up: {flood.ClientHungUp})");
    }

    private static async Task<FloodReport> WaitForAsync(Func<FloodReport?> report)
    {
        var deadline = Stopwatch.StartNew();
        while (report() is null)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("The flood never ended.");
            }

            await Task.Delay(50);
        }

        return report()!;
    }
}
