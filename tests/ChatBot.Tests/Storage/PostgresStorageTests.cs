using ChatBot.Storage;
using Dapper;

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
}
