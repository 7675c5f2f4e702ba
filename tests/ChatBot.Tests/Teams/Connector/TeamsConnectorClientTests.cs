using System.Text.Json.Nodes;
using ChatBot.Teams;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Authentication;
using ChatBot.Teams.Connector;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Teams.Connector;

/// <summary>The connector client and its token against the login and connector stand-ins, without the app.</summary>
public sealed class TeamsConnectorClientTests : IAsyncLifetime
{
    private readonly BotFrameworkTokenSigner signer = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private BotFrameworkLoginStandIn login = null!;
    private TeamsConnectorStandIn connector = null!;
    private ServiceProvider services = null!;
    private TrustedServiceUrls trust = null!;
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
        services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var factory = services.GetRequiredService<IHttpClientFactory>();
        trust = new TrustedServiceUrls(options);
        var tokens = new ConnectorTokenProvider(factory, options, time, NullLogger<ConnectorTokenProvider>.Instance);
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
    public async Task UntrustedServiceUrl_GetsNoCallAndNoToken()
    {
        var result = await client.SendAsync(connector.ServiceUrl, "a:1", OutboundActivity.Markdown("hi"), CancellationToken.None);

        Assert.Equal(ConnectorStatus.Failed, result.Status);
        Assert.Empty(connector.Calls);
        Assert.Equal(0, login.TokenRequests);
    }

    [Fact]
    public async Task Send_EscapesTheConversationId_HandlesNoTrailingSlash_AndReturnsTheId()
    {
        trust.Remember(connector.ServiceUrl);
        const string conversation = "19:abc@thread.tacv2;messageid=1732785011000";

        var result = await client.SendAsync(connector.ServiceUrl.TrimEnd('/'), conversation, OutboundActivity.Markdown("hi"), CancellationToken.None);

        var call = Assert.Single(connector.Calls);
        Assert.True(result.Succeeded);
        Assert.Equal(call.ResponseId, result.Id);
        Assert.Equal("/teams/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1732785011000/activities", call.RawTarget);
        Assert.True(call.Authorized);
    }

    [Fact]
    public async Task CreateConversation_ReturnsTheNewConversationId()
    {
        trust.Remember(connector.ServiceUrl);

        var result = await client.CreateConversationAsync(
            connector.ServiceUrl,
            new ConversationParameters(false, new ChannelAccount("28:bot", null), [new ChannelAccount("29:user", null)], "tenant", new TeamsChannelData(new IdOnly("tenant"), null, null)),
            CancellationToken.None);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal("a:personal-chat-with-29:user", result.Id);
        Assert.Equal("29:user", connector.Calls[0].Json!["members"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_IsCachedUntilShortlyBeforeExpiry()
    {
        trust.Remember(connector.ServiceUrl);
        await client.UpdateAsync(connector.ServiceUrl, "a:1", "1", OutboundActivity.Markdown("one"), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(50));
        await client.UpdateAsync(connector.ServiceUrl, "a:1", "1", OutboundActivity.Markdown("two"), CancellationToken.None);
        Assert.Equal(1, login.TokenRequests);

        time.Advance(TimeSpan.FromMinutes(6)); // 56 of 60 minutes: inside the refresh margin
        await client.UpdateAsync(connector.ServiceUrl, "a:1", "1", OutboundActivity.Markdown("three"), CancellationToken.None);

        Assert.Equal(2, login.TokenRequests);
        Assert.All(connector.Calls, c => Assert.True(c.Authorized));
    }

    [Fact]
    public async Task TooManyRequests_IsRetryableWithRetryAfter()
    {
        trust.Remember(connector.ServiceUrl);
        connector.FailNext(429, retryAfterSeconds: 7);

        var result = await client.ReplyAsync(connector.ServiceUrl, "a:1", "activity-1", OutboundActivity.Card(new JsonObject()), CancellationToken.None);

        Assert.Equal(ConnectorStatus.Retry, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
    }

    [Fact]
    public async Task ServerError_IsRetryable_ClientError_IsNot()
    {
        trust.Remember(connector.ServiceUrl);
        connector.FailNext(502);
        connector.FailNext(403);

        var busy = await client.SendAsync(connector.ServiceUrl, "a:1", OutboundActivity.Markdown("x"), CancellationToken.None);
        var refused = await client.SendAsync(connector.ServiceUrl, "a:1", OutboundActivity.Markdown("x"), CancellationToken.None);

        Assert.Equal(ConnectorStatus.Retry, busy.Status);
        Assert.Equal(ConnectorStatus.Failed, refused.Status);
    }
}
