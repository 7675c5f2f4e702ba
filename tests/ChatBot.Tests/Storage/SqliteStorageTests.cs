namespace ChatBot.Tests.Storage;

public sealed class SqliteStorageTests : StorageContractTests
{
    private protected override Task<StorageTarget> CreateTargetAsync() => Task.FromResult(StorageTarget.Sqlite());

    [Fact]
    public async Task DataProtectionKeys_LiveUnderTheDataPath()
    {
        await using var host = await Target.StartHostAsync();
        await host.Accounts.SaveRefreshTokenAsync("acme", "it@acme.example", "t", default);

        var keys = Path.Combine(Target.ContentRoot, "data", "keys");
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
        Assert.True(File.Exists(Path.Combine(Target.ContentRoot, "data", "chatbot.db")));
    }
}
