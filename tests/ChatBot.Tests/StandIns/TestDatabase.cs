using ChatBot.Storage;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.StandIns;

/// <summary>A migrated database: SQLite in its own temporary folder, deleted on dispose, or a fresh PostgreSQL database.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(Database database, string folder, string? connectionString)
    {
        Database = database;
        Folder = folder;
        ConnectionString = connectionString;
    }

    public Database Database { get; }

    public string Folder { get; }

    /// <summary>The PostgreSQL connection string; null on SQLite (the store is <see cref="Folder"/>/chatbot.db).</summary>
    public string? ConnectionString { get; }

    /// <summary>The settings that point the app at this store.</summary>
    public Dictionary<string, string?> Settings => ConnectionString is null
        ? new() { ["Storage:DataPath"] = Folder }
        : new() { ["Storage:Provider"] = "Postgres", ["Storage:ConnectionString"] = ConnectionString };

    public static Task<TestDatabase> CreateSqliteAsync(TimeProvider? time = null) =>
        MigratedAsync(folder => new StorageOptions { DataPath = folder }, time);

    /// <summary>"Sqlite" or "Postgres" (a fresh database on the test run's server), for tests that run on both.</summary>
    public static async Task<TestDatabase> CreateAsync(string provider, TimeProvider? time = null)
    {
        if (provider != "Postgres")
        {
            return await CreateSqliteAsync(time);
        }

        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        return await MigratedAsync(_ => new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString }, time);
    }

    public ValueTask DisposeAsync()
    {
        Database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private static async Task<TestDatabase> MigratedAsync(Func<string, StorageOptions> options, TimeProvider? time)
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatbot-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var storage = options(folder);
        var database = new Database(Options.Create(storage), new FolderEnvironment(folder));
        await new SchemaMigrator(database, time ?? TimeProvider.System, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return new TestDatabase(database, folder, storage.Provider == StorageProvider.Postgres ? storage.ConnectionString : null);
    }

    private sealed class FolderEnvironment(string folder) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "ChatBot.Tests";
        public string ContentRootPath { get; set; } = folder;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
