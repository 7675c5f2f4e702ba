using System.Security.Cryptography;
using ChatBot.Storage;
using ChatBot.Tests.StandIns;
using Dapper;

namespace ChatBot.Tests.Startup;

/// <summary>
/// An older binary started on a store a newer release upgraded: it refuses to start, with one line, and writes
/// nothing (no configured link, no lease released, no version row), on both providers, as a real process.
/// </summary>
public sealed class SchemaGuardTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chatbot-test-guard-").FullName;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task NewerSchema_RefusesToStart_AndWritesNothing(string provider)
    {
        await using var store = await TestDatabase.CreateAsync(provider);
        var latest = SchemaMigrator.LatestVersion(store.Database.Provider);
        await using (var connection = await store.Database.OpenAsync(default))
        {
            await connection.ExecuteAsync("INSERT INTO schema_version (version, description, applied_at) VALUES (@v, 'from a newer release', 0)", new { v = latest + 1 });
            await connection.ExecuteAsync(
                """
                INSERT INTO submissions (id, idempotency_key, platform, team_id, user_id, state, draft, attempts, next_attempt_at, lease_owner, lease_until, created_at, updated_at)
                VALUES ('s1', 'k1', 'slack', 'T0ACME0001', 'U0ACME0001', 'Accepted', '{}', 0, 0, 'a-newer-instance', 9999999999999, 0, 0)
                """);
        }

        var before = await SnapshotAsync(store);
        var settings = new Dictionary<string, string?>(store.Settings)
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Links:0:Platform"] = "slack",
            ["Links:0:TeamId"] = "T0ACME0001",
            ["Links:0:Account"] = "default",
        };

        var run = await BotProcess.RunToExitAsync(settings, _folder);
        var command = await BotProcess.RunToExitAsync(settings, _folder, ["links", "list"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(
            $"ChatBot cannot start: the store's schema is version {latest + 1}, newer than this release knows (version {latest})",
            run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Out + run.Error, StringComparison.Ordinal);
        Assert.Equal(1, command.ExitCode);
        Assert.Contains("newer than this release knows", command.Error, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(store));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Everything a start could have written: versions, links, accounts, leases; and on SQLite the file itself.</summary>
    private static async Task<string> SnapshotAsync(TestDatabase store)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var connection = await store.Database.OpenAsync(default);
        var versions = string.Join(",", await connection.QueryAsync<long>("SELECT version FROM schema_version ORDER BY version"));
        var links = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM links");
        var accounts = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM accounts");
        var lease = await connection.ExecuteScalarAsync<string?>("SELECT lease_owner FROM submissions WHERE id = 's1'");
        var file = store.Database.Provider == StorageProvider.Sqlite
            ? Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(store.Folder, "chatbot.db"))))
            : "";
        return $"versions {versions}; links {links}; accounts {accounts}; lease {lease}; file {file}";
    }
}
