using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Storage;

/// <summary>A fresh, empty store of one provider, with the settings that point the app at it.</summary>
internal sealed class StorageTarget : IDisposable
{
    private StorageTarget(string provider, string contentRoot, Dictionary<string, string?> settings)
    {
        Provider = provider;
        ContentRoot = contentRoot;
        Settings = settings;
    }

    public string Provider { get; }

    /// <summary>A temp folder used as the content root; SQLite keeps its file and keys under <c>data/</c> in it.</summary>
    public string ContentRoot { get; }

    public Dictionary<string, string?> Settings { get; }

    public static StorageTarget Sqlite()
    {
        var root = Directory.CreateTempSubdirectory("chatbot-test-sqlite-").FullName;
        return new StorageTarget("Sqlite", root, new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite" });
    }

    public static async Task<StorageTarget> PostgresAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        var root = Directory.CreateTempSubdirectory("chatbot-test-pg-root-").FullName;
        return new StorageTarget("Postgres", root, new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString,
        });
    }

    public Task<StorageTestHost> StartHostAsync(
        IDictionary<string, string?>? extra = null, bool start = true, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null)
    {
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return StorageTestHost.CreateAsync(ContentRoot, settings, start, configureServices);
    }

    public void Dispose()
    {
        // SQLite pools connections; clear them so the file can be deleted.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(ContentRoot, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it is not.
        }
    }
}
