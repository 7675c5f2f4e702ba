using ChatBot.Keliweb;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Keliweb;

/// <summary>What <see cref="KeliwebServiceCollectionExtensions.AddKeliweb"/> guarantees about the wiring.</summary>
public sealed class KeliwebRegistrationTests
{
    [Fact]
    public async Task ResilienceHandlerOnAllClients_DoesNotMakeOpenTicketRetry()
    {
        await using var host = await KeliwebTestHost.StartAsync(
            configureServices: services => services.ConfigureHttpClientDefaults(client => client.AddStandardResilienceHandler()));
        await host.StandIn.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(500, "{\"message\":\"Server Error\"}"), count: 5);

        var result = await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, KeliwebTestHost.ClientTicket(), CancellationToken.None);

        Assert.IsType<KeliwebResult<OpenedTicket>.Uncertain>(result);
        Assert.Equal(1, await host.StandIn.GetCallCountAsync(KeliwebStandIn.OpenTicket));
    }

    [Theory]
    [InlineData("https://apiv2.keliweb.it/api", "must end with '/'")]
    [InlineData("/relative/", "absolute")]
    public void BaseUrlThatCannotCarryRelativePaths_FailsValidationAtStart(string baseUrl, string expected)
    {
        using var services = new ServiceCollection()
            .AddKeliweb(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Keliweb:BaseUrl"] = baseUrl }).Build())
            .BuildServiceProvider();

        var failure = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IOptions<KeliwebOptions>>().Value);

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }
}
