using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ChatBot.Tests.Slack;
using ChatBot.Tests.StandIns;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatBot.Tests.Tickets;

/// <summary>
/// The bot as a real process, killed with SIGKILL at each stage of a submission and started again on the same
/// store: the end is always exactly one ticket with its number posted, or an uncertain result posted to the user;
/// never none in silence, never two.
/// </summary>
public sealed class CrashSafetyTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);
    private static readonly byte[] LogBytes = RandomNumberGenerator.GetBytes(50_000);
    private static readonly byte[] PngBytes = RandomNumberGenerator.GetBytes(20_000);
    private readonly SlackRequestSigner _signer = new(SlackHost.SigningSecret);
    private readonly HttpClient _http = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("chatbot-crash-").FullName;
    private SlackApiStandIn _slack = null!;
    private KeliwebStandIn _keliweb = null!;
    private BotProcess? _bot;

    public async Task InitializeAsync()
    {
        _slack = await SlackApiStandIn.StartAsync();
        _keliweb = await KeliwebStandIn.StartAsync();
        _slack.Users[SlackHost.ItalianUser] = new StandInUser(SlackHost.ItalianUser, SlackHost.Team, "giulia", "Giulia Bianchi", "giulia@example.it", "it-IT");
        _slack.Users[SlackHost.EnglishUser] = new StandInUser(SlackHost.EnglishUser, SlackHost.Team, "john", "John Smith", "john@example.com", "en-US");
        _slack.Users["U0SUPPORT1"] = new StandInUser("U0SUPPORT1", SlackHost.Team, "anna", "Anna Verdi", "anna@example.it", "it-IT");
        _slack.BotChannels[SlackHost.Channel] = true;
        _slack.Files["F0LOG00001"] = new StandInFile("F0LOG00001", "maillog.txt", "text/plain", LogBytes);
        _slack.Files["F0SHOT0001"] = new StandInFile("F0SHOT0001", "screenshot.png", "image/png", PngBytes);
    }

    public async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        await _keliweb.DisposeAsync();
        await _slack.DisposeAsync();
        _http.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task KilledAfterAccept_BeforeKeliwebGotIt_StartsAgain_OpensOneTicketAndPostsItsNumber()
    {
        // The first try is refused (503), so the acknowledged submission waits in the store, Accepted, when the bot dies.
        // Killed on that state, not after a fixed time: a fast bot would be mid-request, which is the uncertain case below.
        await _keliweb.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(503, "", new() { ["Retry-After"] = "2" }));
        await StartBotAsync();
        await SubmitCommandTicketAsync("V0CRASH001");
        await WaitUntilAsync(
            async () => await _keliweb.GetCallCountAsync(KeliwebStandIn.OpenTicket) == 1 && await StateAsync() == "Accepted",
            "the refused try is recorded");
        await _bot!.KillAsync();

        await StartBotAsync();

        await WaitUntilAsync(async () => (await _keliweb.GetTicketsAsync()).Count == 1, "the ticket");
        var ticket = Assert.Single(await _keliweb.GetTicketsAsync());
        await WaitForPostAsync(ticket.Tid);
        await AssertNoSecondTicketAsync();
    }

    [Fact]
    public async Task KilledMidDownload_StartsAgain_OpensOneTicketWithBothFilesByteExact()
    {
        _slack.DownloadDelay = TimeSpan.FromSeconds(30);
        await StartBotAsync();
        await SubmitShortcutTicketAsync("V0CRASH002");
        await WaitUntilAsync(() => _slack.CallsTo("download").Count > 0, "a download started");
        await _bot!.KillAsync();
        Assert.Empty(await _keliweb.GetTicketsAsync());

        _slack.DownloadDelay = TimeSpan.Zero;
        await StartBotAsync();

        var ticket = Assert.Single(await _keliweb.WaitForTicketsAsync(1, Wait));
        Assert.Equal([Sha(LogBytes), Sha(PngBytes)], ticket.Attachments.OrderBy(a => a.Name).Select(a => a.Sha256));
        await WaitForPostAsync(ticket.Tid);
        await AssertNoSecondTicketAsync();
    }

    [Fact]
    public async Task KilledWhileOpenTicketIsInFlight_StartsAgain_TellsTheUserItIsUncertain_AndNeverSendsItAgain()
    {
        // Keliweb creates the ticket, then takes its time answering: the bot dies before it hears back.
        await _keliweb.FailNextAsync(KeliwebStandIn.OpenTicket, new StandInFault(ProcessFirst: true, DelaySeconds: 20));
        await StartBotAsync();
        await SubmitCommandTicketAsync("V0CRASH003");
        // Watched in the bot's store, not at the stand-in: a PHP worker busy with the slow request may hold our poll.
        await WaitUntilAsync(async () => await StateAsync() == "Sending", "the submission is Sending");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await _bot!.KillAsync();

        await StartBotAsync();

        var posts = await WaitForPostAsync("did not confirm");
        Assert.Contains("Submit again", posts, StringComparison.Ordinal);
        Assert.Single(await _keliweb.GetTicketsAsync());
        Assert.Equal(1, await _keliweb.GetCallCountAsync(KeliwebStandIn.OpenTicket));
        Assert.Equal("Uncertain", await StateAsync());
    }

    [Fact]
    public async Task KilledAfterOpenedBeforeAnnounced_StartsAgain_PostsTheNumberWithoutReopening()
    {
        _slack.RateLimit("chat.postMessage", times: 1000);
        _slack.RateLimit("chat.postEphemeral", times: 1000);
        await StartBotAsync();
        await SubmitCommandTicketAsync("V0CRASH004");
        var ticket = Assert.Single(await _keliweb.WaitForTicketsAsync(1, Wait));
        await WaitUntilAsync(async () => await StateAsync() == "Opened", "the submission is Opened");
        await _bot!.KillAsync();

        _slack.RateLimit("chat.postMessage", times: 0);
        _slack.RateLimit("chat.postEphemeral", times: 0);
        await StartBotAsync();

        await WaitForPostAsync(ticket.Tid);
        await WaitUntilAsync(async () => await StateAsync() == "Announced", "the submission is Announced");
        Assert.Equal(1, await _keliweb.GetCallCountAsync(KeliwebStandIn.OpenTicket));
    }

    private async Task StartBotAsync()
    {
        var settings = new Dictionary<string, string?>(_keliweb.Configuration)
        {
            ["Slack:SigningSecret"] = SlackHost.SigningSecret,
            ["Slack:BotToken"] = SlackApiStandIn.Token,
            ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl.ToString(),
            ["Slack:FileHosts:0"] = $"127.0.0.1:{_slack.Port}",
            ["Storage:DataPath"] = Path.Combine(_folder, "data"),
            ["Tickets:TempPath"] = Path.Combine(_folder, "files"),
            ["Tickets:RetryBaseDelay"] = "00:00:00.500",
            ["Tickets:Departments:0:Id"] = "1",
            ["Tickets:Departments:0:Name"] = "Technical support",
            ["Tickets:Departments:1:Id"] = "2",
            ["Tickets:Departments:1:Name"] = "Billing",
            ["Links:0:Platform"] = "slack",
            ["Links:0:TeamId"] = SlackHost.Team,
            ["Links:0:Account"] = "default",
            ["Links:0:ClientId"] = "7",
        };
        _bot = await BotProcess.StartAsync(settings, _folder);
    }

    private async Task SubmitCommandTicketAsync(string viewId)
    {
        using var command = await SendAsync(_signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.EnglishUser, _slack.IssueTrigger())));
        Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        await WaitUntilAsync(() => _slack.CallsTo("views.open").Count > 0, "views.open");
        var opened = _slack.CallsTo("views.open")[^1].Json()["view"]!.AsObject();
        await SubmitAsync(SlackPayloads.Submission(SlackHost.EnglishUser, viewId, opened, new()
        {
            ["department"] = SlackPayloads.Select("2"),
            ["message"] = SlackPayloads.Text("The invoice of October is wrong."),
        }));
    }

    private async Task SubmitShortcutTicketAsync(string viewId)
    {
        using var action = await SendAsync(_signer.Interaction("/slack/interactivity", SlackPayloads.MessageAction(_slack.IssueTrigger()).ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, action.StatusCode);
        await WaitUntilAsync(() => _slack.CallsTo("views.open").Count > 0, "views.open");
        var opened = _slack.CallsTo("views.open")[^1].Json()["view"]!.AsObject();
        await SubmitAsync(SlackPayloads.Submission(SlackHost.ItalianUser, viewId, opened, new() { ["department"] = SlackPayloads.Select("2") }));
    }

    private async Task SubmitAsync(JsonObject submission)
    {
        using var response = await SendAsync(_signer.Interaction("/slack/interactivity", submission.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"errors\"", body, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        request.RequestUri = new Uri(_bot!.BaseUrl, request.RequestUri!.ToString().TrimStart('/'));
        return await _http.SendAsync(request);
    }

    private async Task<string> WaitForPostAsync(string text)
    {
        string? found = null;
        await WaitUntilAsync(
            () => (found = _slack.Calls.Where(c => c.Method is "chat.postMessage" or "chat.postEphemeral")
                .Select(c => c.Body).FirstOrDefault(b => b.Contains(text, StringComparison.Ordinal))) is not null,
            $"a post containing '{text}'");
        return found!;
    }

    private async Task AssertNoSecondTicketAsync()
    {
        await WaitUntilAsync(async () => await StateAsync() == "Announced", "the submission is Announced");
        Assert.Single(await _keliweb.GetTicketsAsync());
    }

    private async Task<string?> StateAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "data", "chatbot.db")};Pooling=False");
        await connection.OpenAsync();
        return await connection.ExecuteScalarAsync<string?>("SELECT state FROM submissions LIMIT 1");
    }

    private Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Wait} for {what}. Bot output:\n{_bot?.Output}\nSlack calls:\n"
                    + string.Join("\n", _slack.Calls.Select(c => c.Method + " " + c.Body)));
            }

            await Task.Delay(50);
        }
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
