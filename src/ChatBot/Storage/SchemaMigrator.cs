namespace ChatBot.Storage;

/// <summary>
/// Creates and upgrades the schema at start, one transaction per version. A schema newer than this binary knows (a
/// newer release ran on the store, then an older one was started) is refused before anything is written: the older
/// code would write rows the newer schema reads differently.
/// </summary>
public sealed partial class SchemaMigrator(Database database, TimeProvider time, ILogger<SchemaMigrator> logger)
{
    /// <summary>The newest schema version this binary knows.</summary>
    public static int LatestVersion(StorageProvider provider) => SchemaMigrations.For(provider)[^1].Version;

    /// <summary>Migrates; throws <see cref="StorageFailureException"/> (the operator's one line) when the store cannot be used.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await MigrateOrRefuseAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException or IOException
            or UnauthorizedAccessException)
        {
            throw new StorageFailureException($"the store cannot be used: {database.Describe()}: {database.WithoutSecrets(ex.Message)}", ex);
        }
    }

    private async Task<int> MigrateOrRefuseAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await RefuseNewerSchemaAsync(connection, cancellationToken);
        if (database.Provider == StorageProvider.Sqlite)
        {
            // WAL lets the worker read while a request writes; set once, it sticks to the file.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await using (var tx = await connection.BeginTransactionAsync(cancellationToken))
        {
            if (database.Provider == StorageProvider.Postgres)
            {
                // Several instances may start together: one migrates, the others wait here.
                await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(727274);", cancellationToken, tx);
            }

            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, description TEXT NOT NULL, applied_at BIGINT NOT NULL);",
                cancellationToken,
                tx);
            await tx.CommitAsync(cancellationToken);
        }

        var current = 0;
        foreach (var migration in SchemaMigrations.For(database.Provider))
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            if (database.Provider == StorageProvider.Postgres)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(727274);", cancellationToken, tx);
            }

            current = await connection.ScalarAsync("SELECT MAX(version) FROM schema_version;", cancellationToken, tx) is { } max
                ? Convert.ToInt32(max, System.Globalization.CultureInfo.InvariantCulture)
                : 0;
            if (migration.Version <= current)
            {
                continue;
            }

            await connection.ExecuteAsync(migration.Sql, cancellationToken, tx);
            await connection.ExecuteAsync(
                new SqlStatement("INSERT INTO schema_version (version, description, applied_at) VALUES (@version, @description, @at);")
                    .With("version", migration.Version).With("description", migration.Description).With("at", time.GetUtcNow().ToUnixTimeMilliseconds()),
                cancellationToken,
                tx);
            await tx.CommitAsync(cancellationToken);
            current = migration.Version;
            LogApplied(migration.Version, migration.Description);
        }

        // Another instance, a newer release, may have upgraded the schema meanwhile (PostgreSQL).
        await RefuseNewerSchemaAsync(connection, cancellationToken);
        return current;
    }

    /// <summary>Reads the stored version without writing anything (not even SQLite's journal mode) and refuses a newer one.</summary>
    private async Task RefuseNewerSchemaAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        var exists = database.Provider == StorageProvider.Postgres
            ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_version' AND table_schema = current_schema()"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        if (Convert.ToInt64(await connection.ScalarAsync(exists, cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return;
        }

        var stored = await connection.ScalarAsync("SELECT MAX(version) FROM schema_version;", cancellationToken) is { } max
            ? Convert.ToInt32(max, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
        var latest = LatestVersion(database.Provider);
        if (stored > latest)
        {
            throw new StorageFailureException(
                $"the store's schema is version {stored}, newer than this release knows (version {latest}): a newer ChatBot upgraded it. " +
                "Run that release (or a newer one); this one does not start on it and has written nothing.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage schema upgraded to version {Version} ({Description})")]
    private partial void LogApplied(int version, string description);
}
