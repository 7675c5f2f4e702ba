using ChatBot.Linking;
using ChatBot.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Storage;

/// <summary>
/// The storage contract, run once per provider by the subclasses (<see cref="SqliteStorageTests"/>,
/// <see cref="PostgresStorageTests"/>), each test on a fresh, empty store.
/// </summary>
public abstract class StorageContractTests : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string AadUser = "6f0a3a53-4b8e-4d33-8a54-3f1c4c6f9a10";

    private StorageTarget? _target;

    private protected StorageTarget Target => _target ?? throw new InvalidOperationException("Not initialized.");

    private protected abstract Task<StorageTarget> CreateTargetAsync();

    public async Task InitializeAsync() => _target = await CreateTargetAsync();

    public Task DisposeAsync()
    {
        _target?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Start_CreatesEveryTable_AndRecordsVersion()
    {
        await using var host = await Target.StartHostAsync();
        await using var connection = await host.Database.OpenAsync(default);

        var versions = (await connection.QueryAsync<int>("SELECT version FROM schema_version ORDER BY version")).ToList();
        Assert.Equal(Versions, versions);
        foreach (var table in new[] { "accounts", "links", "submissions", "tickets" })
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"));
        }

        // Data Protection creates its first key at start, after the migrations (it may use that table on Postgres).
        Assert.True(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM data_protection_keys") >= 0);
    }

    [Fact]
    public async Task Migrations_RunAgain_ChangeNothing()
    {
        await using var host = await Target.StartHostAsync();
        var migrator = host.Services.GetRequiredService<SchemaMigrator>();

        Assert.Equal(LatestVersion, await migrator.MigrateAsync(default));
        Assert.Equal(LatestVersion, await migrator.MigrateAsync(default));
        await using var connection = await host.Database.OpenAsync(default);
        Assert.Equal(Versions.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task Migrations_FromTwoInstancesAtOnce_BothSucceed_OnceApplied()
    {
        // Two hosts are two instances (separate pools, same store) starting at the same moment: Postgres serializes them
        // with an advisory lock, SQLite with BEGIN IMMEDIATE and the busy timeout.
        await using var first = await Target.StartHostAsync(start: false);
        await using var second = await Target.StartHostAsync(start: false);

        var versions = await Task.WhenAll(
            Task.Run(() => first.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(default)),
            Task.Run(() => second.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(default)));

        Assert.Equal([LatestVersion, LatestVersion], versions);
        await using var connection = await first.Database.OpenAsync(default);
        Assert.Equal(Versions.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task SavedRefreshToken_IsEncryptedAtRest_AndReadBack()
    {
        await using var host = await Target.StartHostAsync();
        await host.Accounts.SaveRefreshTokenAsync("acme", "it@acme.example", "refresh-token-secret-1", default);

        Assert.Equal("refresh-token-secret-1", await host.Accounts.GetRefreshTokenAsync("acme", default));
        var raw = await RawTokenAsync(host, "acme");
        Assert.NotNull(raw);
        Assert.DoesNotContain("refresh-token-secret-1", raw, StringComparison.Ordinal);
        var summary = Assert.Single(await host.Accounts.ListAsync(default));
        Assert.Equal(new AccountSummary("acme", "it@acme.example", false, null, host.Time.GetUtcNow()), summary);
    }

    [Fact]
    public async Task SavedRefreshToken_IsReadableAfterRestart()
    {
        await using (var before = await Target.StartHostAsync())
        {
            await before.Accounts.SaveRefreshTokenAsync("acme", "it@acme.example", "refresh-token-secret-2", default);
        }

        await using var after = await Target.StartHostAsync();
        Assert.Equal("refresh-token-secret-2", await after.Accounts.GetRefreshTokenAsync("acme", default));
    }

    [Fact]
    public async Task SaveRefreshToken_ReplacesTokenAndEmail_AndClearsNeedsLogin()
    {
        await using var host = await Target.StartHostAsync();
        await host.Accounts.SaveRefreshTokenAsync("acme", "old@acme.example", "first", default);
        await host.Accounts.MarkNeedsLoginAsync("acme", "refresh refused", default);
        Assert.True(Assert.Single(await host.Accounts.ListAsync(default)).NeedsLogin);

        host.Time.Advance(TimeSpan.FromHours(1));
        await host.Accounts.SaveRefreshTokenAsync("acme", "new@acme.example", "second", default);

        Assert.Equal("second", await host.Accounts.GetRefreshTokenAsync("acme", default));
        Assert.Equal(new AccountSummary("acme", "new@acme.example", false, null, host.Time.GetUtcNow()), Assert.Single(await host.Accounts.ListAsync(default)));
    }

    [Fact]
    public async Task SaveRefreshToken_WithEmptyEmail_KeepsTheStoredEmail()
    {
        await using var host = await Target.StartHostAsync();
        await host.Accounts.SaveRefreshTokenAsync("acme", "it@acme.example", "first", default);

        await host.Accounts.SaveRefreshTokenAsync("acme", "", "rotated", default);

        Assert.Equal("rotated", await host.Accounts.GetRefreshTokenAsync("acme", default));
        Assert.Equal("it@acme.example", Assert.Single(await host.Accounts.ListAsync(default)).Email);
    }

    [Fact]
    public async Task MarkNeedsLogin_OnUnknownAccount_CreatesFlaggedAccountWithoutToken()
    {
        await using var host = await Target.StartHostAsync();
        await host.Accounts.MarkNeedsLoginAsync("ghost", "password grant refused", default);

        Assert.Equal(new AccountSummary("ghost", "", true, "password grant refused", null), Assert.Single(await host.Accounts.ListAsync(default)));
        Assert.Null(await host.Accounts.GetRefreshTokenAsync("ghost", default));
    }

    [Fact]
    public async Task Links_Upsert_Find_Replace_Remove()
    {
        await using var host = await Target.StartHostAsync();
        await host.Accounts.SaveRefreshTokenAsync("acme", "it@acme.example", "t", default);
        await host.Accounts.SaveRefreshTokenAsync("other", "it@other.example", "t", default);

        var made = new Provenance(ProvenanceSource.Cli, "ops", DateTimeOffset.FromUnixTimeMilliseconds(1_764_320_000_000));
        var workspace = await host.Links.UpsertAsync("slack", "T1", null, "acme", null, null, made, default);
        var user = await host.Links.UpsertAsync("slack", "T1", "U1", "acme", 100, 7, made, default);
        await host.Links.UpsertAsync("slack", "T2", null, "acme", null, null, made, default);

        var found = await host.Links.FindAsync("slack", "T1", "U1", default);
        Assert.Equal([user.Id, workspace.Id], found.Select(l => l.Id));
        Assert.Equal(new ChatLink(user.Id, "slack", "T1", "U1", "acme", 100, 7, made), found[0]);
        Assert.True(found[1].IsWorkspaceLink);
        Assert.Equal([workspace.Id], (await host.Links.FindAsync("slack", "T1", "U2", default)).Select(l => l.Id));

        var selfService = new Provenance(ProvenanceSource.SelfService, "slack T1/U1 (anna)", made.At.AddMinutes(5));
        var replaced = await host.Links.UpsertAsync("slack", "T1", "U1", "other", null, 8, selfService, default);
        Assert.Equal(user.Id, replaced.Id);
        Assert.Equal(new ChatLink(user.Id, "slack", "T1", "U1", "other", null, 8, selfService), (await host.Links.FindAsync("slack", "T1", "U1", default))[0]);
        Assert.Equal(3, (await host.Links.ListAsync(default)).Count);

        Assert.True(await host.Links.RemoveAsync(user.Id, default));
        Assert.False(await host.Links.RemoveAsync(user.Id, default));
        Assert.Equal([workspace.Id], (await host.Links.FindAsync("slack", "T1", "U1", default)).Select(l => l.Id));
    }

    [Fact]
    public async Task RemoveAccount_RefusesWhileLinked()
    {
        await using var host = await Target.StartHostAsync();
        await host.Accounts.SaveRefreshTokenAsync("acme", "it@acme.example", "t", default);
        var link = await host.Links.UpsertAsync("teams", "tenant", null, "acme", null, null, Provenance.Cli(DateTimeOffset.UtcNow), default);

        Assert.Equal(AccountRemoval.InUse, await host.Accounts.RemoveAsync("acme", default));
        await host.Links.RemoveAsync(link.Id, default);
        Assert.Equal(AccountRemoval.Removed, await host.Accounts.RemoveAsync("acme", default));
        Assert.Equal(AccountRemoval.NotFound, await host.Accounts.RemoveAsync("acme", default));
        Assert.Empty(await host.Accounts.ListAsync(default));
    }

    [Fact]
    public async Task ConfiguredLinks_AreStoredAtStart_WithPlaceholderAccount()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Links:0:Platform"] = "Slack",
            ["Links:0:TeamId"] = "T0ACME0001",
            ["Links:0:Account"] = "acme",
            ["Links:0:ClientId"] = "100",
            ["Links:1:Platform"] = "teams",
            ["Links:1:TeamId"] = Tenant,
            ["Links:1:UserId"] = AadUser,
            ["Links:1:Account"] = "default",
            ["Links:1:ContactId"] = "42",
            ["Keliweb:Username"] = "support@example.com",
            ["Keliweb:Password"] = "pw",
        };
        await using (await Target.StartHostAsync(settings))
        {
        }

        // A second start (a restart) must not fail or duplicate anything.
        await using var host = await Target.StartHostAsync(settings);
        var links = await host.Links.ListAsync(default);
        Assert.Equal(2, links.Count);
        Assert.Equal(("slack", "T0ACME0001", "", "acme", (int?)100, (int?)null), (links[0].Platform, links[0].TeamId, links[0].UserId, links[0].AccountId, links[0].ClientId, links[0].ContactId));
        Assert.Equal(("teams", Tenant, AadUser, "default", (int?)null, (int?)42), (links[1].Platform, links[1].TeamId, links[1].UserId, links[1].AccountId, links[1].ClientId, links[1].ContactId));
        Assert.All(links, l => Assert.Equal(Provenance.Configuration(host.Time.GetUtcNow()), l.Made));

        var accounts = await host.Accounts.ListAsync(default);
        Assert.Equal(["acme", "default"], accounts.Select(a => a.Id));
        Assert.True(accounts[0].NeedsLogin);
        Assert.Equal(new AccountSummary("default", "support@example.com", false, null, null), accounts[1]);
    }

    [Fact]
    public async Task ConfiguredLinks_WithBadEntry_StopTheStart_NamingTheField()
    {
        var settings = new Dictionary<string, string?> { ["Links:0:Platform"] = "discord", ["Links:0:TeamId"] = "T0ACME0001", ["Links:0:Account"] = "acme" };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => Target.StartHostAsync(settings));
        Assert.Contains("Links:0:Platform must be 'slack' or 'teams'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slack", "acme.slack.com", null, "Links:0:TeamId: 'acme.slack.com' is not a Slack team id")]
    [InlineData("slack", "T0ACME0001", "john@acme.example", "Links:0:UserId: 'john@acme.example' is not a Slack user id")]
    [InlineData("teams", "acme.onmicrosoft.com", null, "Links:0:TeamId: 'acme.onmicrosoft.com' is not a Microsoft Entra tenant id")]
    [InlineData("teams", Tenant, "john@acme.example", "Links:0:UserId: 'john@acme.example' is not a Teams user's aadObjectId")]
    public async Task ConfiguredLinks_WithIdsOfTheWrongShape_StopTheStart(string platform, string team, string? user, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Links:0:Platform"] = platform, ["Links:0:TeamId"] = team, ["Links:0:UserId"] = user, ["Links:0:Account"] = "acme",
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => Target.StartHostAsync(settings));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private protected static int LatestVersion => SchemaMigrations.For(StorageProvider.Sqlite).Max(m => m.Version);

    // The list's versions, not 1..latest: a version number is reserved per branch, so the list may have a gap while
    // another branch's migration has not landed yet.
    private protected static List<int> Versions => [.. SchemaMigrations.For(StorageProvider.Sqlite).Select(m => m.Version)];

    private static async Task<string?> RawTokenAsync(StorageTestHost host, string accountId)
    {
        await using var connection = await host.Database.OpenAsync(default);
        return await connection.ExecuteScalarAsync<string?>("SELECT refresh_token FROM accounts WHERE id = @accountId", new { accountId });
    }
}
