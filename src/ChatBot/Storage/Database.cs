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

    // SQLite has one writer at a time and its busy handler waits by sleeping (1, 2, 5 … 100 ms), which turns
    // contention into long tails. One instance owns the file, so queueing writers here in order is exact and fast.
    private readonly SqliteWriteGate _sqliteWriter = new();
    private readonly SqliteWriteBatcher _sqliteBatcher;
    private DbConnection? _writer;
    private PreparedCommands? _writerCommands;

    public Database(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        _sqliteBatcher = new SqliteWriteBatcher(ct => OpenForWriteAsync(ct, interactive: true));
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
            try
            {
                Directory.CreateDirectory(DataPath);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                throw new StorageFailureException(
                    $"Storage:DataPath '{DataPath}' cannot be created ({ex.Message.TrimEnd('.')}). In the container it must be writable by the app user " +
                    "(UID 1654): mount a volume there, or chown 1654 the bind-mounted folder.", ex);
            }
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
            WalPath = builder.DataSource + "-wal";
        }
    }

    public StorageProvider Provider { get; }

    /// <summary>SQLite's write-ahead log next to the database file; null on Postgres.</summary>
    public string? WalPath { get; }

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

    /// <summary>
    /// A connection for writing. On SQLite, writers queue in process (see <see cref="_sqliteWriter"/>) until the
    /// returned session is disposed; on PostgreSQL it is a plain connection.
    /// </summary>
    /// <param name="interactive">A write a user waits for (inside a chat platform's request): it goes first.</param>
    public async Task<WriteSession> OpenForWriteAsync(CancellationToken cancellationToken, bool interactive = false)
    {
        if (_postgres is not null)
        {
            return new WriteSession(await _postgres.OpenConnectionAsync(cancellationToken), ownsConnection: true, null);
        }

        await _sqliteWriter.EnterAsync(interactive);
        try
        {
            return new WriteSession(await WriterAsync(cancellationToken), ownsConnection: false, _sqliteWriter.Exit);
        }
        catch
        {
            _sqliteWriter.Exit();
            throw;
        }
    }

    /// <summary>
    /// SQLite's one writing connection, opened once and kept with its commands prepared (<see cref="PreparedCommands"/>):
    /// only the holder of the write gate touches it. A connection found closed (a failure on the file) is replaced.
    /// </summary>
    private async Task<DbConnection> WriterAsync(CancellationToken cancellationToken)
    {
        if (_writer is { State: System.Data.ConnectionState.Open })
        {
            return _writer;
        }

        DisposeWriter();
        var connection = await OpenAsync(cancellationToken);
        using (var pragma = connection.CreateCommand())
        {
            // In WAL mode NORMAL is still safe when the process crashes (the WAL is written before commit returns);
            // it skips the fsync per commit, which would cap the outbox at a few hundred writes a second.
            // Checkpoints run in the background (SqliteCheckpointService), not inside whichever commit crosses the
            // threshold: that commit would hold every queued writer, an accept among them, for tens of milliseconds.
            pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        _writerCommands = PreparedCommands.Attach(connection);
        _writer = connection;
        return connection;
    }

    private void DisposeWriter()
    {
        _writerCommands?.Dispose();
        _writer?.Dispose();
        _writerCommands = null;
        _writer = null;
    }

    /// <summary>
    /// Runs a write made inside a user's request in a transaction. On SQLite it joins the writes that queued meanwhile
    /// in one commit (<see cref="SqliteWriteBatcher"/>); it returns after the commit either way.
    /// </summary>
    public async Task<T> WriteInBatchAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_postgres is null)
        {
            return await _sqliteBatcher.RunAsync(work);
        }

        await using var connection = await _postgres.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return result;
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

    /// <summary><paramref name="text"/> with the connection string's password, if any, masked: some drivers quote what they were given.</summary>
    public string WithoutSecrets(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var password = _postgres is not null ? new NpgsqlConnectionStringBuilder(_postgres.ConnectionString).Password
            : new SqliteConnectionStringBuilder(_sqliteConnectionString).Password;
        return string.IsNullOrEmpty(password) ? text : text.Replace(password, "***", StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _postgres?.Dispose();
        DisposeWriter();
    }
}
