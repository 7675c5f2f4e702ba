namespace ChatBot.Storage;

/// <summary>Creates and upgrades the schema at start, one transaction per version.</summary>
public sealed partial class SchemaMigrator(Database database, TimeProvider time, ILogger<SchemaMigrator> logger)
{
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
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

        return current;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage schema upgraded to version {Version} ({Description})")]
    private partial void LogApplied(int version, string description);
}
