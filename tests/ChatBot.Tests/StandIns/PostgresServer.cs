using Npgsql;

namespace ChatBot.Tests.StandIns;

/// <summary>
/// A PostgreSQL server for tests. Uses <c>CHATBOT_TEST_POSTGRES</c> (a connection string to a server where the user may
/// CREATE DATABASE) when set; otherwise starts a throwaway server with <c>initdb</c>/<c>pg_ctl</c> from PATH or
/// /usr/lib/postgresql/*/bin, on a free loopback port, as user postgres when running as root. One server per test run
/// (<see cref="SharedAsync"/>), stopped and deleted when the process exits; every caller gets its own fresh database.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "CHATBOT_TEST_POSTGRES";

    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static PostgresServer? shared;

    private readonly string _adminConnectionString;
    private readonly ThrowawayPostgresCluster? _cluster;

    private PostgresServer(string adminConnectionString, ThrowawayPostgresCluster? cluster)
    {
        _adminConnectionString = adminConnectionString;
        _cluster = cluster;
    }

    /// <summary>The server for this test run, started on first use.</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (shared is null)
            {
                shared = await StartAsync();
            }

            return shared;
        }
        finally
        {
            StartLock.Release();
        }
    }

    /// <summary>Creates an empty database with a random name and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = "chatbot_test_" + Guid.NewGuid().ToString("N");
        try
        {
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            var server = new NpgsqlConnectionStringBuilder(_adminConnectionString);
            throw new InvalidOperationException(
                $"Cannot create a test database on PostgreSQL {server.Host}:{server.Port} as '{server.Username}'" +
                (_cluster is null ? $" (from {EnvironmentVariable})" : " (the throwaway server)") + $": {ex.Message}", ex);
        }

        // No pooling: a test that drops or inspects its database should not meet connections another test left open.
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAsync();
        }
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new PostgresServer(configured, cluster: null);
        }

        var cluster = await ThrowawayPostgresCluster.StartAsync();
        return new PostgresServer(cluster.ConnectionString, cluster);
    }
}
