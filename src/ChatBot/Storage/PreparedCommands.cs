using System.Data.Common;
using System.Runtime.CompilerServices;

namespace ChatBot.Storage;

/// <summary>
/// Commands kept prepared on a long-lived connection, one per SQL text. A new command compiles its SQL again (SQLite
/// parses and plans it, and Microsoft.Data.Sqlite allocates the text's UTF-8 copy and the statement handles): for the
/// SQLite writer, which runs the same dozen statements thousands of times a second under load, that was a fifth of
/// the process's allocations. Only connections that are <see cref="Attach">attached</see> keep commands; a caller
/// uses one command at a time per connection (the write gate guarantees it for the writer).
/// </summary>
internal sealed class PreparedCommands : IDisposable
{
    // The app's SQL is a fixed set of texts; past this many something builds SQL with values in it, and caching it
    // would only hold memory.
    private const int MaxCommands = 64;

    private static readonly ConditionalWeakTable<DbConnection, PreparedCommands> Attached = new();

    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public static PreparedCommands Attach(DbConnection connection)
    {
        var commands = new PreparedCommands();
        Attached.AddOrUpdate(connection, commands);
        return commands;
    }

    public static PreparedCommands? For(DbConnection connection) => Attached.TryGetValue(connection, out var commands) ? commands : null;

    /// <summary>The command for <paramref name="sql"/>, created on first use; null when the cache is full.</summary>
    public DbCommand? Get(DbConnection connection, string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            return command;
        }

        if (_commands.Count >= MaxCommands)
        {
            return null;
        }

        command = connection.CreateCommand();
        command.CommandText = sql;
        _commands.Add(sql, command);
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
