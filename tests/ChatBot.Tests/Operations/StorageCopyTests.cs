using ChatBot.Operations;
using ChatBot.Slack.Installations;
using ChatBot.Storage;
using ChatBot.Tests.StandIns;
using ChatBot.Tests.Storage;
using ChatBot.Tests.Tickets;
using ChatBot.Tickets;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Operations;

/// <summary><c>storage copy-to-postgres</c> from a real SQLite store into a real, fresh PostgreSQL database.</summary>
public sealed class StorageCopyTests : IAsyncLifetime
{
    private readonly StorageTarget _sqlite = StorageTarget.Sqlite();
    private StorageTestHost _source = null!;
    private string _postgres = null!;

    public async Task InitializeAsync()
    {
        _source = await _sqlite.StartHostAsync();
        _postgres = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        _sqlite.Dispose();
    }

    [Fact]
    public async Task CopiesKeysAccountsLinksAndOpenSubmissions_SoTokensStillDecrypt_AndRefusesANonEmptyTarget()
    {
        await _source.Accounts.SaveRefreshTokenAsync("acme", "it@acme.example", "refresh-token-of-acme", default);
        await _source.Accounts.MarkNeedsLoginAsync("ghost", "refused", default);
        var made = Provenance.Cli(DateTimeOffset.UtcNow);
        var workspace = await _source.Links.UpsertAsync("slack", "T0ACME0001", null, "acme", 7, null, made, default);
        var user = await _source.Links.UpsertAsync("slack", "T0ACME0001", "U0ADA00001", "acme", 7, 42, made, default);
        var outbox = new TicketOutbox(_source.Database, TimeProvider.System);
        var waiting = (await outbox.InsertAsync("waiting", PipelineTests.Draft(), "acme", 7, null, false, default)).Submission;
        var opened = (await outbox.InsertAsync("opened", PipelineTests.Draft(), "acme", 7, null, false, default)).Submission;
        var ended = (await outbox.InsertAsync("ended", PipelineTests.Draft(), "acme", 7, null, false, default)).Submission;
        await using (var connection = await _source.Database.OpenAsync(default))
        {
            await connection.ExecuteAsync("UPDATE submissions SET state = 'Opened', lease_owner = 'old-instance', lease_until = 9999999999999 WHERE id = @id", new { id = opened.Id });
            await connection.ExecuteAsync("INSERT INTO tickets (submission_id, account_id, ticket_id, tid, access_key, opened_at) VALUES (@id, 'acme', 42, '516757', 'k3y', 0)", new { id = opened.Id });
            await connection.ExecuteAsync("INSERT INTO submission_events (submission_id, at, state, attempts) VALUES (@id, 1, 'Opened', 1)", new { id = opened.Id });
            await connection.ExecuteAsync("UPDATE submissions SET state = 'Announced' WHERE id = @id", new { id = ended.Id });
        }

        await Installations(_source).SaveAsync(
            new SlackInstallation("T0ACME0001", "T0ACME0001", "Acme", null, null, false, "A0", "UB0001", "commands", "U0ADMIN01", DateTimeOffset.UtcNow),
            new SlackBotToken("xoxb-acme-token", null, null), default);

        var copy = await RunAsync(_postgres + "\n", "storage", "copy-to-postgres");

        Assert.Equal(0, copy.Exit);
        Assert.Contains("1 Slack installations", copy.Out, StringComparison.Ordinal);
        Assert.StartsWith("Copied from SQLite file", copy.Out, StringComparison.Ordinal);
        Assert.Contains("1 Data Protection keys, 2 accounts, 2 links, 2 open submissions (1 tickets, 1 history steps)", copy.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", copy.Out + copy.Error, StringComparison.OrdinalIgnoreCase);

        await using var moved = await StorageTestHost.CreateAsync(
            _sqlite.ContentRoot, new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres", ["Storage:ConnectionString"] = _postgres });
        Assert.Equal("refresh-token-of-acme", await moved.Accounts.GetRefreshTokenAsync("acme", default));
        Assert.Equal("xoxb-acme-token", (await Installations(moved).FindTokenAsync("T0ACME0001", default))!.BotToken);
        Assert.True((await moved.Accounts.ListAsync(default)).Single(a => a.Id == "ghost").NeedsLogin);
        Assert.Equal([workspace.Id, user.Id], (await moved.Links.ListAsync(default)).Select(l => l.Id).Order());
        var added = await moved.Links.UpsertAsync("slack", "T0OTHER001", null, "acme", null, null, made, default);
        Assert.Equal(made.By, (await moved.Links.ListAsync(default)).First(l => l.Id == user.Id).Made.By);
        Assert.True(added.Id > user.Id);
        var movedOutbox = new TicketOutbox(moved.Database, TimeProvider.System);
        Assert.NotNull(await movedOutbox.GetAsync(waiting.Id, default));
        Assert.Equal("516757", (await movedOutbox.GetAsync(opened.Id, default))!.Ticket!.Tid);
        Assert.Null(await movedOutbox.GetAsync(ended.Id, default));
        await using (var connection = await moved.Database.OpenAsync(default))
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM submissions WHERE lease_owner IS NOT NULL"));
        }

        var again = await RunAsync(_postgres + "\n", "storage", "copy-to-postgres");
        Assert.Equal(1, again.Exit);
        Assert.Contains("the target already holds accounts", again.Error, StringComparison.Ordinal);
    }

    private static SlackInstallationStore Installations(StorageTestHost host) => new(
        host.Database, host.Services.GetRequiredService<IDataProtectionProvider>(), TimeProvider.System, NullLogger<SlackInstallationStore>.Instance);

    private async Task<(int Exit, string Out, string Error)> RunAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exit = await OperatorCommand.RunAsync(_source.Services, args, new OperatorConsole(new StringReader(stdin), output, error, inputIsTerminal: false), default);
        return (exit, output.ToString(), error.ToString());
    }
}
