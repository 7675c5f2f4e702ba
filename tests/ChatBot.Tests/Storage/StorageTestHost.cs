using ChatBot.Keliweb;
using ChatBot.Linking;
using ChatBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Storage;

/// <summary>
/// The storage and linking features as the app registers them, over one configuration, without the web server.
/// Two hosts over the same configuration behave like the app before and after a restart.
/// </summary>
internal sealed class StorageTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private StorageTestHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public FakeTimeProvider Time => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    public Database Database => Services.GetRequiredService<Database>();

    public AccountStore Accounts => Services.GetRequiredService<AccountStore>();

    public LinkStore Links => Services.GetRequiredService<LinkStore>();

    /// <summary>Builds the host; <paramref name="start"/> runs the hosted services (migrations, configured links) like the app's start.</summary>
    public static async Task<StorageTestHost> CreateAsync(
        string contentRoot, IDictionary<string, string?> settings, bool start = true, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = contentRoot,
            EnvironmentName = Environments.Development,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero)));
        builder.Services.Configure<KeliwebOptions>(builder.Configuration.GetSection(KeliwebOptions.SectionName));
        builder.Services.AddStorage(builder.Configuration).AddLinking(builder.Configuration);
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        if (start)
        {
            await host.StartAsync();
        }

        return new StorageTestHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
