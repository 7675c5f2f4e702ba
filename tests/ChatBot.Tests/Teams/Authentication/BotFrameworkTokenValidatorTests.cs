using ChatBot.Teams;
using ChatBot.Teams.Authentication;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Teams.Authentication;

public sealed class BotFrameworkTokenValidatorTests : IAsyncLifetime
{
    private readonly BotFrameworkTokenSigner signer = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private BotFrameworkLoginStandIn login = null!;
    private ServiceProvider services = null!;
    private BotFrameworkSigningKeys keys = null!;
    private EntraSigningKeys entraKeys = null!;
    private BotFrameworkTokenValidator validator = null!;

    public async Task InitializeAsync()
    {
        login = await BotFrameworkLoginStandIn.StartAsync(signer);
        services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var options = Options.Create(new TeamsOptions { AppId = BotFrameworkTokenSigner.AppId, AppPassword = "x", OpenIdMetadataUrl = login.MetadataUrl });
        keys = new BotFrameworkSigningKeys(services.GetRequiredService<IHttpClientFactory>(), options, time, NullLogger<BotFrameworkSigningKeys>.Instance);
        entraKeys = new EntraSigningKeys(services.GetRequiredService<IHttpClientFactory>(), options, time, NullLogger<EntraSigningKeys>.Instance);
        validator = new BotFrameworkTokenValidator(keys, entraKeys, options, time);
    }

    public async Task DisposeAsync()
    {
        keys.Dispose();
        entraKeys.Dispose();
        await services.DisposeAsync();
        await login.DisposeAsync();
        signer.Dispose();
    }

    [Fact]
    public async Task ValidToken_GivesItsServiceUrlAndEndorsements()
    {
        var token = await validator.ValidateAsync("Bearer " + signer.Sign("https://smba.trafficmanager.net/emea/"), CancellationToken.None);

        Assert.NotNull(token);
        Assert.True(token.Admits("msteams", "https://SMBA.trafficmanager.net/emea"));
        Assert.False(token.Admits("webchat-but-not-listed", "https://smba.trafficmanager.net/emea/"));
        Assert.False(token.Admits("msteams", "https://evil.example.com/emea/"));
    }

    [Fact]
    public async Task CachedToken_StopsBeingAccepted_OnceItExpiresPastTheSkew()
    {
        var raw = "Bearer " + signer.Sign("https://smba.trafficmanager.net/emea/", expires: time.GetUtcNow().UtcDateTime.AddMinutes(2));
        Assert.NotNull(await validator.ValidateAsync(raw, CancellationToken.None));

        time.Advance(TimeSpan.FromMinutes(6)); // expired 4 minutes ago: still inside the 5-minute skew
        Assert.NotNull(await validator.ValidateAsync(raw, CancellationToken.None));

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await validator.ValidateAsync(raw, CancellationToken.None));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("bearer a.b")]
    [InlineData("Basic Zm9vOmJhcg==")]
    public async Task MalformedHeaders_AreRejected(string? header) =>
        Assert.Null(await validator.ValidateAsync(header, CancellationToken.None));
}
