using ChatBot.Teams;
using ChatBot.Teams.Graph;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Teams.Graph;

/// <summary>
/// The Graph token: from the conversation's tenant (a multi-tenant bot's botframework.com endpoint with the tenant in
/// its place; a single-tenant bot's own endpoint, for its own tenant only), cached per tenant until near its expiry.
/// </summary>
public sealed class GraphTokenProviderTests : IAsyncLifetime
{
    private const string Tenant = TeamsConversation.DefaultTenantId;
    private const string Other = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly BotFrameworkTokenSigner signer = new();
    private BotFrameworkLoginStandIn login = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        login = await BotFrameworkLoginStandIn.StartAsync(signer);
        services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await login.DisposeAsync();
        signer.Dispose();
    }

    [Fact]
    public void MultiTenantBot_AsksTheConversationsTenant_InPlaceOfBotframeworkCom()
    {
        using var tokens = Provider(new TeamsOptions());

        Assert.Equal($"https://login.microsoftonline.com/{Tenant}/oauth2/v2.0/token", tokens.TokenEndpointFor(Tenant.ToUpperInvariant())!.ToString());
        Assert.Equal($"https://login.microsoftonline.com/{Other}/oauth2/v2.0/token", tokens.TokenEndpointFor(Other)!.ToString());
        Assert.Null(tokens.TokenEndpointFor("../common"));
        Assert.Null(tokens.TokenEndpointFor(""));
    }

    [Fact]
    public void SingleTenantBot_ServesItsOwnTenantOnly_FromItsOwnEndpoint()
    {
        using var tokens = Provider(new TeamsOptions { TenantId = Tenant });

        Assert.Equal($"https://login.microsoftonline.com/{Tenant}/oauth2/v2.0/token", tokens.TokenEndpointFor(Tenant)!.ToString());
        Assert.Null(tokens.TokenEndpointFor(Other));
    }

    [Fact]
    public async Task Tokens_AreCachedPerTenant_AndRenewedNearTheirExpiry()
    {
        using var tokens = Provider(new TeamsOptions { TokenEndpoint = login.TokenEndpoint });

        var first = await tokens.GetTokenAsync(Tenant, CancellationToken.None);
        Assert.Equal(first, await tokens.GetTokenAsync(Tenant, CancellationToken.None));
        var other = await tokens.GetTokenAsync(Other, CancellationToken.None);
        Assert.Equal(Tenant, login.GraphTokenTenant(first!));
        Assert.Equal(Other, login.GraphTokenTenant(other!));
        Assert.Equal(2, login.TenantGrants.Count);

        time.Advance(TimeSpan.FromMinutes(56)); // an hour's token, renewed five minutes before it ends
        Assert.NotEqual(first, await tokens.GetTokenAsync(Tenant, CancellationToken.None));
        Assert.All(login.TenantGrants, g => Assert.Equal(BotFrameworkLoginStandIn.GraphScope, g.Scope));
    }

    [Fact]
    public async Task RefusedCredentials_GiveNoToken()
    {
        using var tokens = Provider(new TeamsOptions { TokenEndpoint = login.TokenEndpoint, AppPassword = "wrong" });

        Assert.Null(await tokens.GetTokenAsync(Tenant, CancellationToken.None));
        Assert.False(Assert.Single(login.TenantGrants).Granted);
    }

    private GraphTokenProvider Provider(TeamsOptions options)
    {
        options.AppId = BotFrameworkTokenSigner.AppId;
        options.AppPassword ??= BotFrameworkLoginStandIn.AppPassword;
        return new GraphTokenProvider(services.GetRequiredService<IHttpClientFactory>(), Options.Create(options), time, NullLogger<GraphTokenProvider>.Instance);
    }
}
