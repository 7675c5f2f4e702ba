using System.Data.Common;
using System.Net;
using ChatBot.Tests.Slack;
using ChatBot.Tests.StandIns;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChatBot.Tests.Sync;

/// <summary>
/// The ticket sync in real bot processes (<see cref="BotProcess"/>, so a test can SIGKILL one) against the Slack and
/// Keliweb stand-ins, on SQLite in a folder of its own or on one PostgreSQL database shared by several processes.
/// </summary>
public sealed class SyncProcessRig : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    private readonly SlackRequestSigner _signer = new(SlackHost.SigningSecret);
    private readonly HttpClient _http = new();
    private readonly List<BotProcess> _bots = [];
    private int _views;

    private SyncProcessRig(SlackApiStandIn slack, KeliwebStandIn keliweb, string folder, string? postgres)
    {
        Slack = slack;
        Keliweb = keliweb;
        Folder = folder;
        Postgres = postgres;
    }

    public SlackApiStandIn Slack { get; }

    public KeliwebStandIn Keliweb { get; }

    public string Folder { get; }

    /// <summary>The shared database's connection string; null for SQLite in <see cref="Folder"/>.</summary>
    public string? Postgres { get; }

    public static async Task<SyncProcessRig> StartAsync(bool postgres = false)
    {
        var slack = await SlackApiStandIn.StartAsync();
        var keliweb = await KeliwebStandIn.StartAsync(workers: 8);
        slack.Users[SlackHost.EnglishUser] = new StandInUser(SlackHost.EnglishUser, SlackHost.Team, "john", "John Smith", "john@example.com", "en-US");
        slack.BotChannels[SlackHost.Channel] = true;
        var database = postgres ? await (await PostgresServer.SharedAsync()).CreateDatabaseAsync() : null;
        return new SyncProcessRig(slack, keliweb, Directory.CreateTempSubdirectory("chatbot-sync-").FullName, database);
    }

    /// <summary>A bot process named <paramref name="name"/> (its own temp folder), following tickets every 5 seconds.</summary>
    public async Task<BotProcess> StartBotAsync(string name = "a")
    {
        var settings = new Dictionary<string, string?>(Keliweb.Configuration)
        {
            ["Slack:SigningSecret"] = SlackHost.SigningSecret,
            ["Slack:BotToken"] = SlackApiStandIn.Token,
            ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl.ToString(),
            ["Slack:FileHosts:0"] = $"127.0.0.1:{Slack.Port}",
            ["Tickets:TempPath"] = Path.Combine(Folder, name, "files"),
            ["Tickets:RetryBaseDelay"] = "00:00:00.500",
            ["Tickets:Departments:0:Id"] = "2",
            ["Tickets:Departments:0:Name"] = "Billing",
            ["Links:0:Platform"] = "slack",
            ["Links:0:TeamId"] = SlackHost.Team,
            ["Links:0:Account"] = "default",
            ["Links:0:ClientId"] = "7",
            ["Sync:ActivePollInterval"] = "00:00:05",
            ["Sync:IdlePollInterval"] = "00:00:10",
            ["Sync:MaxRequestsPerSecond"] = "50",
            // A killed instance's leases run out in seconds, so the other one takes its tickets over within the test.
            ["Tickets:LeaseDuration"] = "00:00:05",
            ["Keliweb:Timeout"] = "00:00:10",
        };
        if (Postgres is null)
        {
            settings["Storage:DataPath"] = Path.Combine(Folder, "data");
        }
        else
        {
            settings["Storage:Provider"] = "Postgres";
            settings["Storage:ConnectionString"] = Postgres;
        }

        var bot = await BotProcess.StartAsync(settings, Folder);
        _bots.Add(bot);
        return bot;
    }

    /// <summary>A ticket opened through /ticket and the modal on <paramref name="bot"/>, and the ts of its announcement.</summary>
    public async Task<(StandInTicket Ticket, string AnnouncementTs)> OpenTicketAsync(BotProcess bot)
    {
        var before = Slack.CallsTo("views.open").Count;
        using (var command = await SendAsync(bot, _signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.EnglishUser, Slack.IssueTrigger()))))
        {
            Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        }

        await UntilAsync(() => Task.FromResult(Slack.CallsTo("views.open").Count > before), "views.open");
        var opened = Slack.CallsTo("views.open")[^1].Json()["view"]!.AsObject();
        var known = (await Keliweb.GetTicketsAsync()).Count;
        var submission = SlackPayloads.Submission(SlackHost.EnglishUser, $"V0SYNCP{Interlocked.Increment(ref _views):D4}", opened, new()
        {
            ["department"] = SlackPayloads.Select("2"),
            ["message"] = SlackPayloads.Text("The invoice of October is wrong."),
        });
        using (var response = await SendAsync(bot, _signer.Interaction("/slack/interactivity", submission.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var ticket = (await Keliweb.WaitForTicketsAsync(known + 1, Wait))[known];
        StandInMessage? announcement = null;
        await UntilAsync(
            () => Task.FromResult((announcement = Slack.MessagesIn(SlackHost.Channel)
                .FirstOrDefault(m => m.BotPosted && m.ThreadTs is null && m.Message.ToJsonString().Contains(ticket.Tid, StringComparison.Ordinal))) is not null),
            "the ticket's announcement");
        // Followed from the moment the announcement is saved, just after Slack took it.
        await UntilAsync(async () => await ScalarAsync<long>("SELECT COUNT(*) FROM ticket_sync WHERE tid = @tid", new { tid = ticket.Tid }) == 1, "the ticket followed");
        return (ticket, announcement!.Ts);
    }

    /// <summary>The staff replies posted in a thread, by their metadata key (what makes each one a post of one reply).</summary>
    public IReadOnlyList<string> StaffPostKeys(string threadTs) =>
        [.. Slack.MessagesIn(SlackHost.Channel)
            .Where(m => m.ThreadTs == threadTs && m.BotPosted && m.Message["metadata"]?["event_type"]?.GetValue<string>() == "keliweb_staff_reply")
            .Select(m => m.Message["metadata"]!["event_payload"]!["key"]!.GetValue<string>())];

    /// <summary>How many times the stand-in was asked to post any staff reply (calls, not messages: a repeat shows here).</summary>
    public int StaffPostCalls() => Slack.CallsTo("chat.postMessage").Count(c => c.Json()["metadata"] is not null);

    public async Task<T?> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = Open();
        return await connection.ExecuteScalarAsync<T>(sql, parameters);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = Open();
        return [.. await connection.QueryAsync<T>(sql, parameters)];
    }

    public async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Wait);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited for {what}.\n{string.Join("\n", _bots.Select((b, i) => $"Bot {i}:\n{b.Output}"))}\nSlack calls:\n"
                    + string.Join("\n", Slack.Calls.Select(c => c.Method + " " + c.Body[..Math.Min(c.Body.Length, 300)])));
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits until Keliweb was read <paramref name="looks"/> more times: what the sync found by then is in chat.</summary>
    public async Task WaitForLooksAsync(int looks)
    {
        var start = await Keliweb.GetCallCountAsync(KeliwebStandIn.GetTicket);
        await UntilAsync(async () => await Keliweb.GetCallCountAsync(KeliwebStandIn.GetTicket) >= start + looks, $"{looks} more get-ticket calls");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var bot in _bots)
        {
            await bot.DisposeAsync();
        }

        Slack.ReleaseAnswers();
        await Keliweb.DisposeAsync();
        await Slack.DisposeAsync();
        _http.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    private DbConnection Open() => Postgres is null
        ? new SqliteConnection($"Data Source={Path.Combine(Folder, "data", "chatbot.db")};Pooling=False")
        : new NpgsqlConnection(Postgres);

    private async Task<HttpResponseMessage> SendAsync(BotProcess bot, HttpRequestMessage request)
    {
        request.RequestUri = new Uri(bot.BaseUrl, request.RequestUri!.ToString().TrimStart('/'));
        return await _http.SendAsync(request);
    }
}
