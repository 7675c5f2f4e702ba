using ChatBot.Keliweb;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Keliweb;

/// <summary>
/// The Keliweb feature wired as the app wires it (<see cref="KeliwebServiceCollectionExtensions.AddKeliweb"/>), against
/// a real PHP stand-in, with an in-memory token store.
/// </summary>
internal sealed class KeliwebTestHost : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private KeliwebTestHost(KeliwebStandIn standIn, ServiceProvider services)
    {
        StandIn = standIn;
        this.services = services;
    }

    public KeliwebStandIn StandIn { get; }

    public InMemoryKeliwebTokenStore Store { get; } = new();

    public KeliwebClient Client => services.GetRequiredService<KeliwebClient>();

    public KeliwebTokenProvider Tokens => services.GetRequiredService<KeliwebTokenProvider>();

    public static async Task<KeliwebTestHost> StartAsync(
        IDictionary<string, string?>? settings = null, TimeProvider? time = null, Action<IServiceCollection>? configureServices = null)
    {
        var standIn = await KeliwebStandIn.StartAsync();
        var configuration = new Dictionary<string, string?>(standIn.Configuration);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var collection = new ServiceCollection();
        collection.AddLogging();
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        configureServices?.Invoke(collection);
        KeliwebTestHost? host = null;
        collection.AddSingleton<IKeliwebTokenStore>(_ => host!.Store);
        collection.AddKeliweb(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        host = new KeliwebTestHost(standIn, collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        return host;
    }

    public static OpenTicketRequest ClientTicket(string subject = "Sito non raggiungibile") =>
        new(DeptId: 1, Subject: subject, Message: "Il sito **non** risponde da stamattina.", ClientId: 42);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await StandIn.DisposeAsync();
    }
}
