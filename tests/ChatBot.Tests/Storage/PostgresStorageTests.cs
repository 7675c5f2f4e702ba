using ChatBot.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Storage;

public sealed class PostgresStorageTests : StorageContractTests
{
    private protected override Task<StorageTarget> CreateTargetAsync() => StorageTarget.PostgresAsync();

    [Fact]
    public async Task DataProtectionKeys_LiveInTheDatabase_NotOnDisk()
    {
        await using var host = await Target.StartHostAsync();
        await host.Accounts.SaveRefreshTokenAsync("acme", "it@acme.example", "t", default);

        await using var connection = await host.Database.OpenAsync(default);
        var xml = Assert.Single(await connection.QueryAsync<string>("SELECT xml FROM data_protection_keys"));
        Assert.StartsWith("<key ", xml, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Target.ContentRoot, "data")));
    }

    [Fact]
    public async Task Migrations_FromTwoInstancesAtOnce_BothSucceed_OnceApplied()
    {
        // Two hosts are two instances: separate connection pools, same database, started at the same moment.
        await using var first = await Target.StartHostAsync(start: false);
        await using var second = await Target.StartHostAsync(start: false);

        var versions = await Task.WhenAll(
            Task.Run(() => first.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(default)),
            Task.Run(() => second.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(default)));

        Assert.Equal([LatestVersion, LatestVersion], versions);
        await using var connection = await first.Database.OpenAsync(default);
        Assert.Equal(LatestVersion, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_version"));
    }
}
