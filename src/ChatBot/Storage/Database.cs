using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatBot.Storage;

/// <summary>Opens connections to the configured store. Timestamps are stored as Unix milliseconds on both providers.</summary>
public sealed class Database : IDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqliteConnectionString;

    public Database(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        var o = options.Value;
        Provider = o.Provider;
        if (o.Provider == StorageProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(o.ConnectionString
                ?? throw new InvalidOperationException("Storage:ConnectionString is required when Storage:Provider is Postgres."));
        }
        else
        {
            DataPath = Path.GetFullPath(o.DataPath, environment.ContentRootPath);
            Directory.CreateDirectory(DataPath);
            var builder = new SqliteConnectionStringBuilder(o.ConnectionString ?? "")
            {
                // Default Timeout also sets SQLite's busy timeout: writers wait for each other instead of failing.
                DefaultTimeout = 30,
                Pooling = true,
            };
            if (string.IsNullOrEmpty(builder.DataSource))
            {
                builder.DataSource = Path.Combine(DataPath, "chatbot.db");
            }

            _sqliteConnectionString = builder.ToString();
        }
    }

    public StorageProvider Provider { get; }

    /// <summary>The local data folder (SQLite file, Data Protection keys); null on Postgres.</summary>
    public string? DataPath { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Synchronous open, for callers with synchronous contracts (Data Protection's <c>IXmlRepository</c>).</summary>
    public DbConnection Open()
    {
        if (_postgres is not null)
        {
            return _postgres.OpenConnection();
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Where the data lives, for the start-up report: the SQLite file, or the Postgres host and database (never the password).</summary>
    public string Describe()
    {
        if (_postgres is not null)
        {
            var builder = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString);
            return $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
        }

        return $"SQLite file {new SqliteConnectionStringBuilder(_sqliteConnectionString).DataSource}";
    }

    public void Dispose() => _postgres?.Dispose();
}
