using System.Net;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Teams.Endpoint;

/// <summary>
/// A single-tenant bot (the default since 2025) on /api/messages: Entra-issued v1 and v2 tokens of its tenant get in
/// as Bot Framework ones do, and its replies go to the connector; another tenant's, or one signed with the other
/// issuer's key, get 401 and do nothing.
/// </summary>
public sealed class TeamsEntraTokenTests : IAsyncLifetime
{
    private const string Tenant = TeamsConversation.DefaultTenantId;

    private TeamsTestHost host = null!;

    public async Task InitializeAsync() => host = await TeamsTestHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Teams:TenantId"] = Tenant,
    }, configure: (settings, login, _) =>
    {
        settings["Teams:EntraOpenIdMetadataUrl"] = login.EntraMetadataUrl(Tenant).ToString();
        settings["Teams:TokenEndpoint"] = login.TenantTokenEndpoint(Tenant).ToString();
    });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EntraToken_OfTheBotsTenant_IsAccepted_AndTheAnswerReachesTheConnector(bool v2)
    {
        var conversation = host.Personal();
        var activity = conversation.Activity("message-ticket-personal-with-file.json");
        activity["text"] = "hello";
        activity.Remove("attachments");

        using var response = await host.PostAsync(activity, host.Signer.SignEntra(conversation.ServiceUrl, v2, tenant: Tenant));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var help = await host.Connector.WaitForCallAsync(c => c.ConversationId == conversation.ConversationId, what: "the help answer");
        Assert.True(help.Authorized);
        // The single-tenant bot asked its own tenant for the connector token, never botframework.com.
        Assert.Contains(host.Login.TenantGrants, g => g.Tenant == Tenant && g.Scope == BotFrameworkLoginStandIn.ConnectorScope && g.Granted);
    }

    [Fact]
    public async Task EntraToken_OfAnotherTenant_Gets401_AndNothingIsDone()
    {
        var conversation = host.ChannelThread();
        var activity = conversation.Activity("invoke-submitaction-message-channel.json");
        var callsBefore = host.Connector.Calls.Count;

        using var response = await host.PostAsync(activity, host.Signer.SignEntra(conversation.ServiceUrl, tenant: BotFrameworkTokenSigner.Tenant));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(callsBefore, host.Connector.Calls.Count);
        Assert.DoesNotContain(await host.SubmissionsAsync(), s => s.IdempotencyKey.Contains(activity["id"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task BotFrameworkKey_WithTheEntraIssuer_Gets401()
    {
        var conversation = host.ChannelThread();
        var activity = conversation.Activity("invoke-submitaction-message-channel.json");

        using var response = await host.PostAsync(activity, host.Signer.SignEntra(conversation.ServiceUrl, tenant: Tenant, key: host.Signer.EndorsedKey));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task EntraToken_ForAnotherServiceUrl_Gets401()
    {
        var conversation = host.ChannelThread();
        var activity = conversation.Activity("invoke-fetchtask-message-channel.json");

        using var response = await host.PostAsync(activity, host.Signer.SignEntra("https://evil.example.com/teams/", tenant: Tenant));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task BotFrameworkTokens_StillGetIn()
    {
        var activity = host.ChannelThread().Activity("invoke-fetchtask-message-channel.json");

        using var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
