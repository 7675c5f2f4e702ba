using System.Diagnostics;
using ChatBot.Storage;
using ChatBot.Tests.StandIns;
using ChatBot.Tests.Tickets;
using ChatBot.Tickets;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Tests.Storage;

/// <summary>The write-ahead log stays bounded: over its limit it is truncated, and a reader that will not finish costs a short wait, not a stuck queue.</summary>
public sealed class SqliteCheckpointTests
{
    private const long Limit = 512 * 1024;

    [Fact]
    public async Task WalOverTheLimit_IsTruncated()
    {
        await using var db = await TestDatabase.CreateSqliteAsync();
        var outbox = new TicketOutbox(db.Database, TimeProvider.System);
        await FillWalAsync(outbox, db.Database);
        var checkpoints = new SqliteCheckpointService(db.Database, TimeProvider.System, NullLogger<SqliteCheckpointService>.Instance);

        Assert.True(await checkpoints.CheckpointAsync(long.MaxValue, default) > Limit, "a PASSIVE checkpoint leaves the file as it is");
        Assert.Equal(0, await checkpoints.CheckpointAsync(Limit, default));
        Assert.Equal(200, (await outbox.ListAsync(1000, default)).Count);
    }

    [Fact]
    public async Task ReaderThatHoldsTheLog_CostsAShortWait_AndWritesGoOn()
    {
        await using var db = await TestDatabase.CreateSqliteAsync();
        var outbox = new TicketOutbox(db.Database, TimeProvider.System);
        await FillWalAsync(outbox, db.Database);
        var checkpoints = new SqliteCheckpointService(db.Database, TimeProvider.System, NullLogger<SqliteCheckpointService>.Instance);
        await using var reader = await db.Database.OpenAsync(default);
        // Deferred: a read transaction (Microsoft.Data.Sqlite's default BEGIN IMMEDIATE would take the write lock).
        await using var snapshot = ((Microsoft.Data.Sqlite.SqliteConnection)reader).BeginTransaction(deferred: true);
        await reader.ScalarAsync("SELECT COUNT(*) FROM submissions", default, snapshot);

        var watch = Stopwatch.StartNew();
        var after = await checkpoints.CheckpointAsync(Limit, default);

        Assert.True(after > Limit, "the reader's snapshot keeps the log");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"waited {watch.Elapsed}");
        Assert.True((await outbox.InsertAsync("after", TicketOutboxTests.Draft(), "default", null, null, false, default)).Created);
    }

    private static async Task FillWalAsync(TicketOutbox outbox, Database database)
    {
        for (var i = 0; i < 200; i++)
        {
            await outbox.InsertAsync("k" + i, TicketOutboxTests.Draft(new string('x', 2000)), "default", null, null, false, default);
        }

        Assert.True(new FileInfo(database.WalPath!).Length > Limit);
    }
}
