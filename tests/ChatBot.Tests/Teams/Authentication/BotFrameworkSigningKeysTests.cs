using ChatBot.Teams;
using ChatBot.Teams.Authentication;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Teams.Authentication;

public sealed class BotFrameworkSigningKeysTests : IAsyncLifetime
{
    private readonly BotFrameworkTokenSigner signer = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private BotFrameworkLoginStandIn login = null!;
    private ServiceProvider services = null!;
    private BotFrameworkSigningKeys keys = null!;

    public async Task InitializeAsync()
    {
        login = await BotFrameworkLoginStandIn.StartAsync(signer);
        services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        keys = new BotFrameworkSigningKeys(
            services.GetRequiredService<IHttpClientFactory>(), Options.Create(new TeamsOptions { OpenIdMetadataUrl = login.MetadataUrl }), time,
            NullLogger<BotFrameworkSigningKeys>.Instance);
    }

    public async Task DisposeAsync()
    {
        keys.Dispose();
        await services.DisposeAsync();
        await login.DisposeAsync();
        signer.Dispose();
    }

    [Fact]
    public async Task KeysDocumentOf150Mb_IsReadNoFurtherThanTheCap_AndNoKeyIsFound()
    {
        login.FloodNextKeys(150L * 1024 * 1024, chunkDelayMs: 100);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var key = await keys.FindAsync("endorsed-kid", CancellationToken.None);
        watch.Stop();

        Assert.Null(key);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
        var flood = await FloodAnswer.WaitForAsync(() => login.LastFlood);
        Assert.True(flood.ClientHungUp && flood.BytesWritten < 40L * 1024 * 1024, $"{flood.BytesWritten} bytes went out (hung up: {flood.ClientHungUp})");
    }

    [Fact]
    public async Task Keys_CarryTheirEndorsements()
    {
        var endorsed = await keys.FindAsync("endorsed-kid", CancellationToken.None);
        var unendorsed = await keys.FindAsync("unendorsed-kid", CancellationToken.None);

        Assert.Contains("msteams", endorsed!.Endorsements);
        Assert.Empty(unendorsed!.Endorsements);
        Assert.Equal(1, login.KeysRequests);
    }

    [Fact]
    public async Task Keys_AreCached_AndRefreshedWithinADay()
    {
        await keys.FindAsync("endorsed-kid", CancellationToken.None);
        time.Advance(TimeSpan.FromHours(11));
        await keys.FindAsync("endorsed-kid", CancellationToken.None);
        Assert.Equal(1, login.KeysRequests);

        time.Advance(TimeSpan.FromHours(2));
        await keys.FindAsync("endorsed-kid", CancellationToken.None);

        Assert.Equal(2, login.KeysRequests);
        Assert.Equal(2, login.MetadataRequests);
    }

    [Fact]
    public async Task UnknownKid_RefetchesOnlyAfterTheRateLimit()
    {
        await keys.FindAsync("endorsed-kid", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await keys.FindAsync("new-kid", CancellationToken.None));
        Assert.Equal(1, login.KeysRequests);

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(await keys.FindAsync("new-kid", CancellationToken.None));

        Assert.Equal(2, login.KeysRequests);
    }

    [Fact]
    public async Task PlainHttpMetadata_OffLoopback_IsNeverFetched()
    {
        using var remote = new BotFrameworkSigningKeys(
            services.GetRequiredService<IHttpClientFactory>(),
            Options.Create(new TeamsOptions { OpenIdMetadataUrl = new Uri("http://login.example.com/v1/.well-known/openidconfiguration") }),
            time, NullLogger<BotFrameworkSigningKeys>.Instance);

        Assert.Null(await remote.FindAsync("endorsed-kid", CancellationToken.None));
    }
}
