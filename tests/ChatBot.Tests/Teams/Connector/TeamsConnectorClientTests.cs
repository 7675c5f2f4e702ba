using System.Text.Json.Nodes;
using ChatBot.Teams;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Authentication;
using ChatBot.Teams.Connector;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Teams.Connector;

/// <summary>The connector client and its token against the login and connector stand-ins, without the app.</summary>
public sealed class TeamsConnectorClientTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private TeamsParts parts = null!;
    private TeamsConnectorClient client = null!;

    private BotFrameworkLoginStandIn Login => parts.Login;

    private TeamsConnectorStandIn Connector => parts.Connector;

    private TrustedServiceUrls Trust => parts.Trust;

    public async Task InitializeAsync()
    {
        parts = await TeamsParts.StartAsync(time);
        client = parts.ConnectorClient();
    }

    public async Task DisposeAsync() => await parts.DisposeAsync();

    [Fact]
    public async Task UntrustedServiceUrl_GetsNoCallAndNoToken()
    {
        var result = await client.SendAsync(Connector.ServiceUrl, "a:1", OutboundActivity.Markdown("hi"), CancellationToken.None);

        Assert.Equal(ConnectorStatus.Failed, result.Status);
        Assert.Empty(Connector.Calls);
        Assert.Equal(0, Login.TokenRequests);
    }

    [Fact]
    public async Task Send_EscapesTheConversationId_HandlesNoTrailingSlash_AndReturnsTheId()
    {
        Trust.Remember(Connector.ServiceUrl);
        const string conversation = "19:abc@thread.tacv2;messageid=1732785011000";

        var result = await client.SendAsync(Connector.ServiceUrl.TrimEnd('/'), conversation, OutboundActivity.Markdown("hi"), CancellationToken.None);

        var call = Assert.Single(Connector.Calls);
        Assert.True(result.Succeeded);
        Assert.Equal(call.ResponseId, result.Id);
        Assert.Equal("/teams/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1732785011000/activities", call.RawTarget);
        Assert.True(call.Authorized);
    }

    [Fact]
    public async Task CreateConversation_ReturnsTheNewConversationId()
    {
        Trust.Remember(Connector.ServiceUrl);

        var result = await client.CreateConversationAsync(
            Connector.ServiceUrl,
            new ConversationParameters(false, new ChannelAccount("28:bot", null), [new ChannelAccount("29:user", null)], "tenant", new TeamsChannelData(new IdOnly("tenant"), null, null)),
            CancellationToken.None);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal("a:personal-chat-with-29:user", result.Id);
        Assert.Equal("29:user", Connector.Calls[0].Json!["members"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_IsCachedUntilShortlyBeforeExpiry()
    {
        Trust.Remember(Connector.ServiceUrl);
        await client.UpdateAsync(Connector.ServiceUrl, "a:1", "1", OutboundActivity.Markdown("one"), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(50));
        await client.UpdateAsync(Connector.ServiceUrl, "a:1", "1", OutboundActivity.Markdown("two"), CancellationToken.None);
        Assert.Equal(1, Login.TokenRequests);

        time.Advance(TimeSpan.FromMinutes(6)); // 56 of 60 minutes: inside the refresh margin
        await client.UpdateAsync(Connector.ServiceUrl, "a:1", "1", OutboundActivity.Markdown("three"), CancellationToken.None);

        Assert.Equal(2, Login.TokenRequests);
        Assert.All(Connector.Calls, c => Assert.True(c.Authorized));
    }

    [Fact]
    public async Task TooManyRequests_IsRetryableWithRetryAfter()
    {
        Trust.Remember(Connector.ServiceUrl);
        Connector.FailNext(429, retryAfterSeconds: 7);

        var result = await client.ReplyAsync(Connector.ServiceUrl, "a:1", "activity-1", OutboundActivity.Card(new JsonObject()), CancellationToken.None);

        Assert.Equal(ConnectorStatus.Retry, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
    }

    [Fact]
    public async Task ServerError_IsRetryable_ClientError_IsNot()
    {
        Trust.Remember(Connector.ServiceUrl);
        Connector.FailNext(502);
        Connector.FailNext(403);

        var busy = await client.SendAsync(Connector.ServiceUrl, "a:1", OutboundActivity.Markdown("x"), CancellationToken.None);
        var refused = await client.SendAsync(Connector.ServiceUrl, "a:1", OutboundActivity.Markdown("x"), CancellationToken.None);

        Assert.Equal(ConnectorStatus.Retry, busy.Status);
        Assert.Equal(ConnectorStatus.Failed, refused.Status);
    }
}
