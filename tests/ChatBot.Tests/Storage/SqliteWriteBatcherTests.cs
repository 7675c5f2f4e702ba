using ChatBot.Storage;
using ChatBot.Tests.StandIns;
using Dapper;

namespace ChatBot.Tests.Storage;

/// <summary>Group commit: writes queued together share a commit, each is committed before its caller hears back, and one failure stays alone.</summary>
public sealed class SqliteWriteBatcherTests
{
    [Fact]
    public async Task ConcurrentWrites_AreAllCommitted_BeforeTheirCallersReturn()
    {
        await using var db = await TestDatabase.CreateSqliteAsync();
        await CreateTableAsync(db);

        var writes = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await db.Database.WriteInBatchAsync(
                (c, tx, ct) => c.ExecuteAsync(new SqlStatement("INSERT INTO t (v) VALUES (@v)").With("v", i), ct, tx), default);
            // Another connection sees it at once: the caller was answered after the commit.
            await using var reader = await db.Database.OpenAsync(default);
            return await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t WHERE v = @v", new { v = i });
        }));

        Assert.All(await Task.WhenAll(writes), seen => Assert.Equal(1, seen));
    }

    [Fact]
    public async Task AFailingWrite_FailsAlone()
    {
        await using var db = await TestDatabase.CreateSqliteAsync();
        await CreateTableAsync(db);

        var writes = Enumerable.Range(0, 50).Select(i => db.Database.WriteInBatchAsync(
            async (c, tx, ct) =>
            {
                await c.ExecuteAsync(new SqlStatement("INSERT INTO t (v) VALUES (@v)").With("v", i), ct, tx);
                // Half-done work of the failing write must be rolled back with it.
                return i == 25 ? await c.ExecuteAsync("INSERT INTO missing_table VALUES (1)", ct, tx) : 1;
            },
            default)).ToList();

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => writes[25]);
        Assert.All(writes.Where((_, i) => i != 25), w => Assert.Equal(1, w.Result));
        await using var reader = await db.Database.OpenAsync(default);
        Assert.Equal(49, await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t"));
        Assert.Equal(0, await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t WHERE v = 25"));
    }

    private static async Task CreateTableAsync(TestDatabase db)
    {
        await using var connection = await db.Database.OpenAsync(default);
        await connection.ExecuteAsync("CREATE TABLE t (v INTEGER NOT NULL)");
    }
}
