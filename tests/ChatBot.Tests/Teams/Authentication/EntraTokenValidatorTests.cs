using ChatBot.Teams;
using ChatBot.Teams.Authentication;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Teams.Authentication;

/// <summary>
/// Entra-issued tokens for a single-tenant bot: v1 and v2 issuers of the configured tenant, keys from the tenant's own
/// metadata, and nothing that mixes the two issuers' keys or names another tenant.
/// </summary>
public sealed class EntraTokenValidatorTests : IAsyncLifetime
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/3f9a2c41-7d1e-4b8a-9c6f-2e5d8a1b4c70/";

    private readonly BotFrameworkTokenSigner signer = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private BotFrameworkLoginStandIn login = null!;
    private ServiceProvider services = null!;
    private readonly List<IDisposable> owned = [];

    public async Task InitializeAsync()
    {
        login = await BotFrameworkLoginStandIn.StartAsync(signer);
        services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        owned.ForEach(o => o.Dispose());
        await services.DisposeAsync();
        await login.DisposeAsync();
        signer.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EntraToken_OfTheConfiguredTenant_IsAccepted_V2AndV1(bool v2)
    {
        var token = await Validator().ValidateAsync("Bearer " + signer.SignEntra(ServiceUrl, v2), CancellationToken.None);

        Assert.NotNull(token);
        Assert.Equal(TokenIssuer.Entra, token.Issuer);
        Assert.True(token.Admits("msteams", ServiceUrl));
        Assert.True(token.VouchesFor(ServiceUrl));
        Assert.False(token.Admits("msteams", "https://evil.example.com/"));
    }

    [Fact]
    public async Task EntraToken_WithoutServiceUrl_AdmitsTheActivity_ButVouchesForNoServiceUrl()
    {
        var token = await Validator().ValidateAsync("Bearer " + signer.SignEntra(serviceUrl: null), CancellationToken.None);

        Assert.NotNull(token);
        Assert.True(token.Admits("msteams", ServiceUrl));
        Assert.False(token.VouchesFor(ServiceUrl));
    }

    [Fact]
    public async Task EntraToken_OfAnotherTenant_IsRefused()
    {
        var other = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

        Assert.Null(await Validator().ValidateAsync("Bearer " + signer.SignEntra(ServiceUrl, tenant: other), CancellationToken.None));
        Assert.Null(await Validator().ValidateAsync("Bearer " + signer.SignEntra(ServiceUrl, v2: false, tenant: other), CancellationToken.None));
        // The configured tenant's issuer with another tenant's tid.
        Assert.Null(await Validator().ValidateAsync("Bearer " + signer.SignEntra(ServiceUrl, tidClaim: other), CancellationToken.None));
    }

    [Fact]
    public async Task BotFrameworkKey_UsedWithTheEntraIssuer_IsRefused()
    {
        var token = signer.SignEntra(ServiceUrl, key: signer.EndorsedKey);

        Assert.Null(await Validator().ValidateAsync("Bearer " + token, CancellationToken.None));
    }

    [Fact]
    public async Task EntraKey_UsedWithTheBotFrameworkIssuer_IsRefused()
    {
        var token = signer.Sign(ServiceUrl, key: signer.EntraKey);

        Assert.Null(await Validator().ValidateAsync("Bearer " + token, CancellationToken.None));
    }

    [Fact]
    public async Task EntraToken_ForAnotherAudience_OrExpiredPastTheSkew_IsRefused()
    {
        var validator = Validator();

        Assert.Null(await validator.ValidateAsync("Bearer " + signer.SignEntra(ServiceUrl, audience: "https://api.botframework.com"), CancellationToken.None));
        var expired = signer.SignEntra(ServiceUrl, expires: time.GetUtcNow().UtcDateTime.AddMinutes(-6));
        Assert.Null(await validator.ValidateAsync("Bearer " + expired, CancellationToken.None));
    }

    [Fact]
    public async Task MultiTenantBot_AcceptsNoEntraToken_AndFetchesNoEntraMetadata()
    {
        var validator = Validator(tenant: null);

        Assert.Null(await validator.ValidateAsync("Bearer " + signer.SignEntra(ServiceUrl), CancellationToken.None));
        Assert.Equal(0, login.KeysRequests);
        Assert.NotNull(await validator.ValidateAsync("Bearer " + signer.Sign(ServiceUrl), CancellationToken.None));
    }

    [Fact]
    public void EntraMetadata_DefaultsToTheTenantsOwn()
    {
        var options = new TeamsOptions { TenantId = BotFrameworkTokenSigner.Tenant.ToUpperInvariant() };

        Assert.Equal(
            "https://login.microsoftonline.com/" + BotFrameworkTokenSigner.Tenant + "/v2.0/.well-known/openid-configuration",
            options.EffectiveEntraOpenIdMetadataUrl!.ToString());
        Assert.Null(new TeamsOptions().EffectiveEntraOpenIdMetadataUrl);
    }

    private BotFrameworkTokenValidator Validator(string? tenant = BotFrameworkTokenSigner.Tenant)
    {
        var options = Options.Create(new TeamsOptions
        {
            AppId = BotFrameworkTokenSigner.AppId,
            AppPassword = "x",
            TenantId = tenant,
            OpenIdMetadataUrl = login.MetadataUrl,
            EntraOpenIdMetadataUrl = tenant is null ? null : login.EntraMetadataUrl(tenant),
        });
        var http = services.GetRequiredService<IHttpClientFactory>();
        var keys = new BotFrameworkSigningKeys(http, options, time, NullLogger<BotFrameworkSigningKeys>.Instance);
        var entra = new EntraSigningKeys(http, options, time, NullLogger<EntraSigningKeys>.Instance);
        owned.Add(keys);
        owned.Add(entra);
        return new BotFrameworkTokenValidator(keys, entra, options, time);
    }
}
