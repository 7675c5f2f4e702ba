using System.Data.Common;

namespace ChatBot.Storage;

/// <summary>Runs a <see cref="SqlStatement"/> on an open connection: a row count, one value, or rows read by a given function.</summary>
public static class DbConnectionStatements
{
    public static async Task<int> ExecuteAsync(this DbConnection connection, SqlStatement statement, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(statement);
        await using var command = statement.CreateCommand(connection, transaction);
        return await command.Command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of the first row; null for no row or SQL NULL.</summary>
    public static async Task<object?> ScalarAsync(this DbConnection connection, SqlStatement statement, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(statement);
        await using var command = statement.CreateCommand(connection, transaction);
        var value = await command.Command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    public static async Task<List<T>> QueryAsync<T>(
        this DbConnection connection, SqlStatement statement, Func<DbDataReader, T> read, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(read);
        await using var command = statement.CreateCommand(connection, transaction);
        await using var reader = await command.Command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Synchronous, for callers with synchronous contracts (Data Protection's key repository).</summary>
    public static int Execute(this DbConnection connection, SqlStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        using var command = statement.CreateCommand(connection, null);
        return command.Command.ExecuteNonQuery();
    }

    /// <summary>Synchronous, for callers with synchronous contracts (Data Protection's key repository).</summary>
    public static List<T> Query<T>(this DbConnection connection, SqlStatement statement, Func<DbDataReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(read);
        using var command = statement.CreateCommand(connection, null);
        using var reader = command.Command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
