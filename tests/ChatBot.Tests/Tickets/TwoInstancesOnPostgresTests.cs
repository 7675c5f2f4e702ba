using ChatBot.Storage;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Tickets;

/// <summary>Two bot instances sharing one PostgreSQL: SKIP LOCKED claims and leases keep each ticket single.</summary>
public sealed class TwoInstancesOnPostgresTests
{
    [Fact]
    public async Task TwoInstances_ProcessingOneBacklog_OpenEveryTicketOnce()
    {
        await using var keliweb = await KeliwebStandIn.StartAsync();
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        var ids = await MakeBacklogAsync(connectionString, 120);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString,
        };

        await using var first = new PipelineHost(keliweb, settings);
        await using var second = new PipelineHost(keliweb, settings);
        await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));

        foreach (var id in ids)
        {
            await first.WaitForStateAsync(id, SubmissionState.Announced, TimeSpan.FromSeconds(90));
        }

        var tickets = await keliweb.GetTicketsAsync();
        Assert.Equal(120, tickets.Count);
        Assert.Equal(120, tickets.Select(t => t.Subject).Distinct().Count());
        var announced = first.Channel.Notices.Concat(second.Channel.Notices).Select(n => n.Notice.SubmissionId).ToList();
        Assert.Equal(120, announced.Count);
        Assert.Equal(120, announced.Distinct().Count());
    }

    private static async Task<List<string>> MakeBacklogAsync(string connectionString, int count)
    {
        using var database = new Database(
            Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString }), new NoEnvironment());
        await new SchemaMigrator(database, TimeProvider.System, NullLogger<SchemaMigrator>.Instance).MigrateAsync(default);
        var outbox = new TicketOutbox(database, TimeProvider.System);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (s, _) = await outbox.InsertAsync("backlog:" + i, PipelineTests.Draft(subject: "backlog " + i), "default", null, null, false, default);
            ids.Add(s.Id);
        }

        return ids;
    }

    private sealed class NoEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "ChatBot.Tests";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
