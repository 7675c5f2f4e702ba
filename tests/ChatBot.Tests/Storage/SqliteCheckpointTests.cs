using System.Diagnostics;
using ChatBot.Storage;
using ChatBot.Tests.StandIns;
using ChatBot.Tests.Tickets;
using ChatBot.Tickets;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Tests.Storage;

/// <summary>
/// The write-ahead log stays bounded: over its limit it is copied in full so the next write starts it over, its file is
/// cut in a quiet second, and a reader that will not finish costs a short wait, not a stuck queue.
/// </summary>
public sealed class SqliteCheckpointTests
{
    private const long Limit = 512 * 1024;

    [Fact]
    public async Task LogOverTheLimit_StartsOverAtTheNextWrite_AndItsFileIsCutWhenQuiet()
    {
        await using var db = await TestDatabase.CreateSqliteAsync();
        var outbox = new TicketOutbox(db.Database, TimeProvider.System);
        await FillWalAsync(outbox, db.Database);
        var checkpoints = new SqliteCheckpointService(db.Database, TimeProvider.System, NullLogger<SqliteCheckpointService>.Instance);

        var over = await checkpoints.CheckpointAsync(Limit, default);
        var file = over.FileBytes;
        Assert.True(over.Frames * 4096 > Limit, $"{over.Frames} frames");
        for (var i = 0; i < 20; i++)
        {
            await outbox.InsertAsync("after" + i, TicketOutboxTests.Draft(new string('y', 2000)), "default", null, null, false, default);
        }

        var restarted = await checkpoints.CheckpointAsync(Limit, default);
        Assert.True(restarted.Frames < over.Frames / 4, $"{restarted.Frames} frames in use after starting over, {over.Frames} before");
        Assert.Equal(file, restarted.FileBytes);

        var quiet = await checkpoints.CheckpointAsync(Limit, default);
        Assert.Equal(0, quiet.FileBytes);
        Assert.Equal(220, (await outbox.ListAsync(1000, default)).Count);
    }

    [Fact]
    public async Task UnderTheLimit_NothingIsCut()
    {
        await using var db = await TestDatabase.CreateSqliteAsync();
        var outbox = new TicketOutbox(db.Database, TimeProvider.System);
        await FillWalAsync(outbox, db.Database);
        var checkpoints = new SqliteCheckpointService(db.Database, TimeProvider.System, NullLogger<SqliteCheckpointService>.Instance);

        var first = await checkpoints.CheckpointAsync(long.MaxValue, default);
        var second = await checkpoints.CheckpointAsync(long.MaxValue, default);

        Assert.True(second.FileBytes > Limit, "a PASSIVE checkpoint leaves the file as it is");
        Assert.Equal(first, second);
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
        await checkpoints.CheckpointAsync(Limit, default);
        await outbox.InsertAsync("after", TicketOutboxTests.Draft(), "default", null, null, false, default);
        var quiet = await checkpoints.CheckpointAsync(Limit, default);
        var after = await checkpoints.CheckpointAsync(Limit, default);

        Assert.True(after.FileBytes > Limit, "the reader's snapshot keeps the log");
        Assert.True(quiet.Frames > 0 && after.Frames > 0);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"waited {watch.Elapsed}");
        Assert.True((await outbox.InsertAsync("later", TicketOutboxTests.Draft(), "default", null, null, false, default)).Created);
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
