using System.Data.Common;

namespace ChatBot.Storage;

/// <summary>
/// SQL text with its named parameters (<c>@name</c>), the one shape in which this app sends SQL. Values are given
/// explicitly instead of read from an anonymous object by reflection, so the same code runs JIT-compiled and as a
/// native AOT binary, and nothing is generated at run time on the first request.
/// </summary>
public sealed class SqlStatement(string sql)
{
    private readonly List<KeyValuePair<string, object?>> _parameters = [];

    public string Sql { get; } = sql;

    /// <summary>How long the statement may wait, locks included; the connection's default when null. Whole seconds.</summary>
    public TimeSpan? Timeout { get; init; }

    public static implicit operator SqlStatement(string sql) => new(sql);

    /// <summary>Adds <c>@name</c>; null is sent as SQL NULL. Flags are 0/1 integers and times Unix milliseconds (see the migrations).</summary>
    public SqlStatement With(string name, object? value)
    {
        // Named as they appear in the SQL: Microsoft.Data.Sqlite looks a bare name up again with each prefix, building
        // a string per prefix on every bind.
        _parameters.Add(new(name.StartsWith('@') ? name : PrefixedNames.GetOrAdd(name, static n => "@" + n), value));
        return this;
    }

    // The app's parameter names are a small fixed set of literals.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> PrefixedNames = new(StringComparer.Ordinal);

    public static SqlStatement FromString(string sql) => new(sql);

    /// <summary>
    /// A command for this statement on <paramref name="connection"/>: the connection's prepared one when it keeps them
    /// (<see cref="PreparedCommands"/>), else a new one that the returned value disposes.
    /// </summary>
    internal StatementCommand CreateCommand(DbConnection connection, DbTransaction? transaction)
    {
        if (Timeout is null && PreparedCommands.For(connection)?.Get(connection, Sql) is { } prepared)
        {
            prepared.Transaction = transaction;
            Bind(prepared);
            return new StatementCommand(prepared, owned: false);
        }

        var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Transaction = transaction;
        if (Timeout is { } timeout)
        {
            command.CommandTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        }

        Bind(command);
        return new StatementCommand(command, owned: true);
    }

    private void Bind(DbCommand command)
    {
        var parameters = command.Parameters;
        if (parameters.Count == _parameters.Count)
        {
            // A prepared command meets the same statement again: same names in the same order, so only values change.
            var same = true;
            for (var i = 0; i < _parameters.Count && same; i++)
            {
                same = parameters[i].ParameterName == _parameters[i].Key;
            }

            if (same)
            {
                for (var i = 0; i < _parameters.Count; i++)
                {
                    parameters[i].Value = _parameters[i].Value ?? DBNull.Value;
                }

                return;
            }
        }

        parameters.Clear();
        foreach (var (name, value) in _parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            parameters.Add(parameter);
        }
    }
}

/// <summary>A command to run once; disposes it afterwards unless it is a connection's prepared one.</summary>
internal readonly struct StatementCommand(DbCommand command, bool owned) : IAsyncDisposable, IDisposable
{
    public DbCommand Command { get; } = command;

    public ValueTask DisposeAsync() => owned ? Command.DisposeAsync() : ValueTask.CompletedTask;

    public void Dispose()
    {
        if (owned)
        {
            Command.Dispose();
        }
    }
}
