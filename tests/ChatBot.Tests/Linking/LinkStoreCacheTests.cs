using ChatBot.Linking;
using ChatBot.Storage;
using Dapper;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Linking;

/// <summary>Link lookups are cached: this process's writes show at once, another process's (the operator commands) within <see cref="LinkStore.CacheFor"/>.</summary>
public sealed class LinkStoreCacheTests
{
    [Fact]
    public async Task OwnWrites_ShowAtOnce()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var db = await TestDatabase.CreateSqliteAsync(time);
        await AddAccountAsync(db);
        var links = new LinkStore(db.Database, time);
        Assert.Empty(await links.FindAsync("slack", "T1", "U1", default));

        var added = await links.UpsertAsync("slack", "T1", null, "acme", 7, null, Provenance.Cli(time.GetUtcNow()), default);
        Assert.Equal("acme", Assert.Single(await links.FindAsync("slack", "T1", "U1", default)).AccountId);

        Assert.True(await links.RemoveAsync(added.Id, default));
        Assert.Empty(await links.FindAsync("slack", "T1", "U1", default));
    }

    [Fact]
    public async Task AnotherProcessesWrites_ShowWithinTheCacheTime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var db = await TestDatabase.CreateSqliteAsync(time);
        await AddAccountAsync(db);
        var bot = new LinkStore(db.Database, time);
        var operatorCommand = new LinkStore(db.Database, time);
        Assert.Empty(await bot.FindAsync("slack", "T1", "U1", default));

        await operatorCommand.UpsertAsync("slack", "T1", "U1", "acme", 7, null, Provenance.Cli(time.GetUtcNow()), default);

        Assert.Empty(await bot.FindAsync("slack", "T1", "U1", default));
        time.Advance(LinkStore.CacheFor);
        Assert.Equal("acme", Assert.Single(await bot.FindAsync("slack", "T1", "U1", default)).AccountId);
    }

    private static async Task AddAccountAsync(TestDatabase db)
    {
        await using var connection = await db.Database.OpenAsync(default);
        await connection.ExecuteAsync(
            "INSERT INTO accounts (id, email, needs_login, created_at, updated_at) VALUES ('acme', 'it@acme.example', 0, 0, 0)");
    }
}
