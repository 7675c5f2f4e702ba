using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Tests.Slack;
using ChatBot.Tests.StandIns;
using Dapper;
using Npgsql;

namespace ChatBot.Tests.Tickets;

/// <summary>
/// Two real bot processes on one PostgreSQL database, as the deploy/ compose file runs them: submissions arrive at
/// both, one is killed (SIGKILL) while it has a ticket in flight, and the other finishes everything. Every
/// acknowledged submission ends announced with exactly one ticket, or uncertain with the user told; none in silence,
/// none twice.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private const int Submissions = 8;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);
    private readonly SlackRequestSigner _signer = new(SlackHost.SigningSecret);
    private readonly HttpClient _http = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("chatbot-two-").FullName;
    private SlackApiStandIn _slack = null!;
    private KeliwebStandIn _keliweb = null!;
    private string _database = null!;
    private BotProcess? _a;
    private BotProcess? _b;

    public async Task InitializeAsync()
    {
        _slack = await SlackApiStandIn.StartAsync();
        _keliweb = await KeliwebStandIn.StartAsync(workers: 8);
        _slack.Users[SlackHost.EnglishUser] = new StandInUser(SlackHost.EnglishUser, SlackHost.Team, "john", "John Smith", "john@example.com", "en-US");
        _slack.BotChannels[SlackHost.Channel] = true;
        _database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var bot in new[] { _a, _b })
        {
            if (bot is not null)
            {
                await bot.DisposeAsync();
            }
        }

        await _keliweb.DisposeAsync();
        await _slack.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task OneOfTwoInstancesKilledMidWork_TheOtherFinishesEverySubmission_NoneLostNoneTwice()
    {
        // Every open-ticket takes two seconds, so the instance dies with work in flight.
        await _keliweb.FailNextAsync(KeliwebStandIn.OpenTicket, new StandInFault(DelaySeconds: 2), count: 100);
        _a = await StartAsync("a");
        _b = await StartAsync("b");

        for (var i = 0; i < Submissions; i++)
        {
            await SubmitAsync(i % 2 == 0 ? _a : _b, $"V0TWO{i:D4}");
        }

        var killedWhileSending = await WaitForAsync(
            async () => await ScalarAsync<string?>("SELECT id FROM submissions WHERE state = 'Sending' AND lease_owner LIKE @owner LIMIT 1",
                new { owner = $"%:{_a.ProcessId}:%" }),
            "instance a has a ticket in flight");
        await _a.KillAsync();

        await WaitForAsync(
            async () => await ScalarAsync<long>("SELECT COUNT(*) FROM submissions WHERE state IN ('Announced', 'Failed', 'Uncertain') AND notice_due = 0") == Submissions
                ? "done" : null,
            "every submission ended and was announced");

        await using var connection = new NpgsqlConnection(_database);
        var ended = (await connection.QueryAsync<(string Id, string State, string? Tid)>(
            "SELECT s.id, s.state, t.tid FROM submissions s LEFT JOIN tickets t ON t.submission_id = s.id")).ToList();
        Assert.Equal(Submissions, ended.Count);
        Assert.DoesNotContain(ended, s => s.State == "Failed");
        Assert.Equal("Uncertain", ended.Single(s => s.Id == killedWhileSending).State);
        var announced = ended.Where(s => s.State == "Announced").ToList();
        Assert.All(announced, s => Assert.NotNull(s.Tid));
        Assert.Equal(announced.Count, announced.Select(s => s.Tid).Distinct().Count());
        var tickets = await _keliweb.GetTicketsAsync();
        Assert.InRange(tickets.Count, announced.Count, Submissions);
        Assert.InRange(await _keliweb.GetCallCountAsync(KeliwebStandIn.OpenTicket), tickets.Count, Submissions);
        var posts = _slack.Calls.Where(c => c.Method is "chat.postMessage" or "chat.postEphemeral").Select(c => c.Body).ToList();
        Assert.All(announced, s => Assert.Contains(posts, p => p.Contains(s.Tid!, StringComparison.Ordinal)));
        // The uncertain notice carries its submission's id in its "Submit again" button.
        Assert.All(ended.Where(s => s.State == "Uncertain"),
            s => Assert.Contains(posts, p => p.Contains("did not confirm", StringComparison.Ordinal) && p.Contains(s.Id, StringComparison.Ordinal)));
    }

    private Task<BotProcess> StartAsync(string name) => BotProcess.StartAsync(new Dictionary<string, string?>(_keliweb.Configuration)
    {
        ["Storage:Provider"] = "Postgres",
        ["Storage:ConnectionString"] = _database,
        ["Slack:SigningSecret"] = SlackHost.SigningSecret,
        ["Slack:BotToken"] = SlackApiStandIn.Token,
        ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl.ToString(),
        ["Tickets:TempPath"] = Path.Combine(_folder, name, "files"),
        ["Tickets:RetryBaseDelay"] = "00:00:00.500",
        ["Tickets:LeaseDuration"] = "00:00:05",
        ["Tickets:WorkerConcurrency"] = "2",
        ["Keliweb:Timeout"] = "00:00:10",
        ["Tickets:Departments:0:Id"] = "2",
        ["Tickets:Departments:0:Name"] = "Billing",
        ["Links:0:Platform"] = "slack",
        ["Links:0:TeamId"] = SlackHost.Team,
        ["Links:0:Account"] = "default",
        ["Links:0:ClientId"] = "7",
    }, _folder);

    private async Task SubmitAsync(BotProcess bot, string viewId)
    {
        var before = _slack.CallsTo("views.open").Count;
        using (var command = await SendAsync(bot, _signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.EnglishUser, _slack.IssueTrigger()))))
        {
            Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        }

        await WaitForAsync(() => Task.FromResult(_slack.CallsTo("views.open").Count > before ? "opened" : null), "views.open");
        var opened = _slack.CallsTo("views.open")[^1].Json()["view"]!.AsObject();
        var submission = SlackPayloads.Submission(SlackHost.EnglishUser, viewId, opened, new()
        {
            ["department"] = SlackPayloads.Select("2"),
            ["message"] = SlackPayloads.Text("The invoice of October is wrong."),
        });
        using var response = await SendAsync(bot, _signer.Interaction("/slack/interactivity", submission.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("\"errors\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(BotProcess bot, HttpRequestMessage request)
    {
        request.RequestUri = new Uri(bot.BaseUrl, request.RequestUri!.ToString().TrimStart('/'));
        return await _http.SendAsync(request);
    }

    private async Task<T?> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(_database);
        return await connection.ExecuteScalarAsync<T>(sql, parameters);
    }

    private async Task<string> WaitForAsync(Func<Task<string?>> probe, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Wait} for {what}.\nBot a:\n{_a?.Output}\nBot b:\n{_b?.Output}");
            }

            await Task.Delay(100);
        }
    }
}
