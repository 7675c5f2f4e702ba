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
        _parameters.Add(new(name, value));
        return this;
    }

    public static SqlStatement FromString(string sql) => new(sql);

    internal DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Transaction = transaction;
        if (Timeout is { } timeout)
        {
            command.CommandTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        }

        foreach (var (name, value) in _parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
