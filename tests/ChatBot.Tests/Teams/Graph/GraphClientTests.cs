using ChatBot.Teams;
using ChatBot.Teams.Graph;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Teams.Graph;

/// <summary>
/// Reading a message through Graph ends in a value or a failure, never an exception or a wait without end: a body cut
/// half-way, or one that stops coming after the headers, is "Failed" (the form and the ticket then say which files
/// could not come), whatever the client's own timeout (which stops at the headers) would do.
/// </summary>
public sealed class GraphClientTests : IAsyncLifetime
{
    private const string Tenant = TeamsConversation.DefaultTenantId;
    private const string Channel = "19:c8a1e2f0b4d94c0e8f3e1d2c3b4a5f60@thread.tacv2";

    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly BotFrameworkTokenSigner signer = new();
    private BotFrameworkLoginStandIn login = null!;
    private GraphStandIn graph = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        login = await BotFrameworkLoginStandIn.StartAsync(signer);
        graph = await GraphStandIn.StartAsync();
        graph.TokenTenant = login.GraphTokenTenant;
        services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await graph.DisposeAsync();
        await login.DisposeAsync();
        signer.Dispose();
    }

    [Fact]
    public async Task AMessageAnswerCutHalfWay_IsAFailure_NotAnException()
    {
        var (client, tokens) = Client();
        using (tokens)
        {
            var location = Published("1800000000001");
            graph.BreakNext(Unescaped(location.Path), stall: false);

            var call = await client.GetMessageAsync(Tenant, location, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.False(call.Succeeded);
            Assert.Equal(GraphFailureKind.Failed, call.Failure!.Kind);
            Assert.Equal("unreadable answer", call.Failure.Reason);

            // Nothing was poisoned: the next read of the message succeeds.
            Assert.True((await client.GetMessageAsync(Tenant, location, CancellationToken.None)).Succeeded);
        }
    }

    [Fact]
    public async Task AMessageAnswerThatStopsAfterItsHeaders_EndsAtTheTimeout_AsAFailure()
    {
        var (client, tokens) = Client();
        using (tokens)
        {
            var location = Published("1800000000002");
            graph.BreakNext(Unescaped(location.Path), stall: true);

            var reading = client.GetMessageAsync(Tenant, location, CancellationToken.None);
            await WaitForAsync(() => graph.Requests.Any(r => r.Path == "/v1.0/" + Unescaped(location.Path)), "the message's read to reach Graph");
            Assert.False(reading.IsCompleted);
            time.Advance(GraphClient.MessageTimeout);
            var call = await reading.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.False(call.Succeeded);
            Assert.Equal(GraphFailureKind.Failed, call.Failure!.Kind);
            Assert.Equal("timeout", call.Failure.Reason);
        }
    }

    [Fact]
    public async Task TheCallersCancellation_StillCancels()
    {
        var (client, tokens) = Client();
        using (tokens)
        {
            var location = Published("1800000000003");
            graph.BreakNext(Unescaped(location.Path), stall: true);
            using var stop = new CancellationTokenSource();

            var reading = client.GetMessageAsync(Tenant, location, stop.Token);
            await WaitForAsync(() => graph.Requests.Any(r => r.Path == "/v1.0/" + Unescaped(location.Path)), "the message's read to reach Graph");
            await stop.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(60)));
        }
    }

    private GraphMessageLocation Published(string id)
    {
        const string root = "1732785011000";
        graph.AddChannelMessage(Channel, id, root, GraphStandIn.Message(id, "<p>see the log</p>", "https://teams.microsoft.com/l/message/" + Channel + "/" + id));
        return new GraphMessageLocation(Tenant, id, GraphStandIn.TeamGroupId, Channel, RootId: root);
    }

    private (GraphClient Client, GraphTokenProvider Tokens) Client()
    {
        var options = Options.Create(new TeamsOptions
        {
            AppId = BotFrameworkTokenSigner.AppId,
            AppPassword = BotFrameworkLoginStandIn.AppPassword,
            TokenEndpoint = login.TokenEndpoint,
            GraphBaseUrl = graph.GraphBaseUrl,
        });
        var factory = services.GetRequiredService<IHttpClientFactory>();
        var tokens = new GraphTokenProvider(factory, options, time, NullLogger<GraphTokenProvider>.Instance);
        return (new GraphClient(factory, tokens, options, time, NullLogger<GraphClient>.Instance), tokens);
    }

    private static string Unescaped(string path) => Uri.UnescapeDataString(path);

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for " + what);
            await Task.Delay(20);
        }
    }
}
