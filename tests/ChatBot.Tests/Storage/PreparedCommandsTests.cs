using System.Data;
using ChatBot.Storage;
using ChatBot.Tests.StandIns;
using Dapper;

namespace ChatBot.Tests.Storage;

/// <summary>The SQLite writer keeps its statements prepared: each SQL text compiles once, and every run binds its own values.</summary>
public sealed class PreparedCommandsTests
{
    private const string Insert = "INSERT INTO t (a, b) VALUES (@a, @b)";

    [Fact]
    public async Task TheWriter_PreparesEachTextOnce_AndBindsEveryRunsValues()
    {
        await using var db = await CreateAsync();
        System.Data.Common.DbCommand? first = null;
        for (var i = 0; i < 3; i++)
        {
            await using var session = await db.Database.OpenForWriteAsync(default);
            // Names in a different order on the last run: the same command, bound again by name.
            var statement = i < 2 ? new SqlStatement(Insert).With("a", i).With("b", $"b{i}") : new SqlStatement(Insert).With("b", "b2").With("a", 2);
            Assert.Equal(1, await session.Connection.ExecuteAsync(statement, default));
            var prepared = PreparedCommands.For(session.Connection)?.Get(session.Connection, Insert);
            Assert.NotNull(prepared);
            first ??= prepared;
            Assert.Same(first, prepared);
        }

        await using var reader = await db.Database.OpenAsync(default);
        var rows = (await reader.QueryAsync<(long A, string B)>("SELECT a, b FROM t ORDER BY a")).ToList();
        Assert.Equal([(0L, "b0"), (1L, "b1"), (2L, "b2")], rows);
        Assert.Null(PreparedCommands.For(reader));
    }

    [Fact]
    public async Task AFullCache_StillRunsEveryStatement_WithCommandsOfItsOwn()
    {
        await using var db = await CreateAsync();
        await using var session = await db.Database.OpenForWriteAsync(default);
        var commands = PreparedCommands.For(session.Connection)!;
        for (var i = 0; i < 70; i++)
        {
            await session.Connection.ExecuteAsync(new SqlStatement($"INSERT INTO t (a, b) VALUES ({i}, @b)").With("b", "x"), default);
        }

        Assert.Null(commands.Get(session.Connection, "SELECT 1"));
        Assert.Equal(70L, await session.Connection.ScalarAsync("SELECT COUNT(*) FROM t", default));
    }

    [Fact]
    public async Task AWriterFoundClosed_IsReplaced()
    {
        await using var db = await CreateAsync();
        await using (var session = await db.Database.OpenForWriteAsync(default))
        {
            await session.Connection.ExecuteAsync(new SqlStatement(Insert).With("a", 1).With("b", "before"), default);
            session.Connection.Close();
        }

        await using (var session = await db.Database.OpenForWriteAsync(default))
        {
            Assert.Equal(ConnectionState.Open, session.Connection.State);
            await session.Connection.ExecuteAsync(new SqlStatement(Insert).With("a", 2).With("b", "after"), default);
        }

        await using var reader = await db.Database.OpenAsync(default);
        Assert.Equal(2L, await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t"));
    }

    private static async Task<TestDatabase> CreateAsync()
    {
        var db = await TestDatabase.CreateSqliteAsync();
        await using var connection = await db.Database.OpenAsync(default);
        await connection.ExecuteAsync("CREATE TABLE t (a INTEGER NOT NULL, b TEXT NOT NULL)");
        return db;
    }
}
