using ChatBot.Storage;
using ChatBot.Teams;
using ChatBot.Teams.Installations;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Teams.Installations;

/// <summary>
/// The welcome is durable: one recorded by a process that stopped before posting is posted by the next, two instances
/// on one PostgreSQL post each welcome once, a busy connector is retried after its Retry-After, a refusal drops it.
/// </summary>
public sealed class WelcomeWorkerTests : IAsyncLifetime
{
    private const string Tenant = TeamsConversation.DefaultTenantId;

    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private TeamsParts parts = null!;

    public async Task InitializeAsync() => parts = await TeamsParts.StartAsync(time);

    public async Task DisposeAsync() => await parts.DisposeAsync();

    [Fact]
    public async Task WelcomeRecordedByAStoppedProcess_IsPostedByTheNextOne()
    {
        var scope = new InstallationScope(Tenant, "team:19:restart@thread.tacv2");
        Assert.True(await parts.Installations.AddedAsync(scope, Target("19:restart@thread.tacv2"), CancellationToken.None));

        await using (await RunningAsync(Worker(parts.Installations)))
        {
            var welcome = await parts.Connector.WaitForCallAsync(c => c.ConversationId == "19:restart@thread.tacv2", what: "the welcome");
            Assert.True(welcome.Authorized);
            await WaitForAsync(async () => await StateAsync(parts.Database.Database, scope) == TeamsInstallationStore.WelcomePosted);
        }

        Assert.Single(parts.Connector.Calls);
    }

    [Fact]
    public async Task TwoInstancesOnPostgres_PostEveryWelcomeOnce()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        using var first = await PostgresAsync(connectionString, migrate: true);
        using var second = await PostgresAsync(connectionString, migrate: false);
        var firstStore = new TeamsInstallationStore(first, time);
        var secondStore = new TeamsInstallationStore(second, time);
        var chats = Enumerable.Range(0, 30).Select(i => $"19:twin{i}@thread.v2").ToList();

        // Teams delivering each "added" to both instances at once: one of them records the welcome.
        var added = await Task.WhenAll(chats.SelectMany(chat => new[]
        {
            firstStore.AddedAsync(new InstallationScope(Tenant, "chat:" + chat), Target(chat), CancellationToken.None),
            secondStore.AddedAsync(new InstallationScope(Tenant, "chat:" + chat), Target(chat), CancellationToken.None),
        }));
        Assert.Equal(chats.Count, added.Count(a => a));

        await using (await RunningAsync(Worker(firstStore)))
        await using (await RunningAsync(Worker(secondStore)))
        {
            foreach (var chat in chats)
            {
                await parts.Connector.WaitForCallAsync(c => c.ConversationId == chat, TimeSpan.FromSeconds(30), chat);
            }

            foreach (var chat in chats)
            {
                await WaitForAsync(async () => await StateAsync(first, new InstallationScope(Tenant, "chat:" + chat)) == TeamsInstallationStore.WelcomePosted);
            }
        }

        Assert.Equal(chats.Count, parts.Connector.Calls.Count);
        Assert.Equal(chats.Count, parts.Connector.Calls.Select(c => c.ConversationId).Distinct().Count());
    }

    [Fact]
    public async Task BusyConnector_IsRetriedAfterItsRetryAfter_ARefusalDropsTheWelcome()
    {
        var busy = new InstallationScope(Tenant, "chat:19:busy@thread.v2");
        await parts.Installations.AddedAsync(busy, Target("19:busy@thread.v2"), CancellationToken.None);
        parts.Connector.FailNext(429, retryAfterSeconds: 20);
        var signal = new WelcomeSignal();

        await using (await RunningAsync(Worker(parts.Installations, signal)))
        {
            await parts.Connector.WaitForCallAsync(c => c.ConversationId == "19:busy@thread.v2", what: "the first try");
            await WaitForAsync(async () => await AttemptsAsync(parts.Database.Database, busy) == 1);
            time.Advance(TimeSpan.FromSeconds(19));
            Assert.Single(parts.Connector.Calls); // not before Retry-After

            time.Advance(TimeSpan.FromSeconds(2)); // past Retry-After: the worker wakes at the retry's time and tries again
            await WaitForAsync(async () => await StateAsync(parts.Database.Database, busy) == TeamsInstallationStore.WelcomePosted);
            Assert.Equal(2, parts.Connector.Calls.Count);

            var refused = new InstallationScope(Tenant, "chat:19:refused@thread.v2");
            parts.Connector.FailNext(403);
            await parts.Installations.AddedAsync(refused, Target("19:refused@thread.v2"), CancellationToken.None);
            signal.Notify(); // as the conversationUpdate handler does
            await WaitForAsync(async () => await StateAsync(parts.Database.Database, refused) == TeamsInstallationStore.WelcomeDropped);
        }

        Assert.Equal(3, parts.Connector.Calls.Count);
    }

    private WelcomeTarget Target(string conversationId) => new(conversationId, parts.Connector.ServiceUrl, ServiceUrlVouched: true, "en-US", Personal: false);

    private WelcomeWorker Worker(TeamsInstallationStore store, WelcomeSignal? signal = null) => new(
        store, signal ?? new WelcomeSignal(), parts.ConnectorClient(), parts.Trust, parts.Options, time, NullLogger<WelcomeWorker>.Instance);

    private static async Task<IAsyncDisposable> RunningAsync(WelcomeWorker worker)
    {
        await worker.StartAsync(CancellationToken.None);
        return new Stopping(worker);
    }

    private static async Task<string?> StateAsync(Database database, InstallationScope scope) =>
        await TeamsInstallationsTable.WelcomeAsync(database, scope.TenantId, scope.Key);

    private static async Task<long> AttemptsAsync(Database database, InstallationScope scope)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return Convert.ToInt64(await connection.ScalarAsync(
            new SqlStatement("SELECT attempts FROM teams_installations WHERE tenant_id = @tenant AND scope_key = @scope").With("tenant", scope.TenantId).With("scope", scope.Key),
            CancellationToken.None), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold in time.");
            }

            await Task.Delay(25);
        }
    }

    private static async Task<Database> PostgresAsync(string connectionString, bool migrate)
    {
        var database = new Database(
            Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString }), new NoEnvironment());
        if (migrate)
        {
            await new SchemaMigrator(database, TimeProvider.System, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        }

        return database;
    }

    private sealed class Stopping(WelcomeWorker worker) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
        }
    }

    private sealed class NoEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "ChatBot.Tests";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
