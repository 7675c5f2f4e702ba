using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Slack.SocketMode;

/// <summary>End to end over Socket Mode: envelopes in through a real WebSocket, the same handlers as HTTP, acks back with their payload.</summary>
public sealed class SocketModeFlowTests
{
    [Fact]
    public async Task Command_OverTheSocket_OpensTheModal_AndAcksWithinThreeSeconds()
    {
        await using var bot = await SocketModeHost.StartAsync();
        var sockets = await bot.Socket.WaitForOpenAsync(2);
        var trigger = bot.Host.Slack.IssueTrigger();

        var watch = Stopwatch.StartNew();
        var ack = await sockets[0].SendEnvelopeAsync("slash_commands", SocketModeHost.Command(SlackHost.ItalianUser, trigger), "env-cmd-1");
        watch.Stop();

        Assert.Equal("env-cmd-1", ack["envelope_id"]!.GetValue<string>());
        Assert.Null(ack["payload"]);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the ack took {watch.Elapsed}, too close to Slack's 3 s");
        var open = Assert.Single(bot.Host.Slack.CallsTo("views.open")).Json();
        Assert.Equal(trigger, open["trigger_id"]!.GetValue<string>());
        Assert.Equal("Apri un ticket", open["view"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task SocketModeAlone_TheHttpEndpointsRefuseEverything()
    {
        await using var bot = await SocketModeHost.StartAsync();
        await bot.Socket.WaitForOpenAsync(2);

        using var response = await bot.Host.SendAsync(bot.Host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.ItalianUser, bot.Host.Slack.IssueTrigger())));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(bot.Host.Slack.CallsTo("views.open"));
        Assert.Contains(bot.Host.Logs.Lines, l => l.Contains("Slack (Socket Mode): enabled", StringComparison.Ordinal));
        Assert.Contains(bot.Host.Logs.Lines, l => l.Contains("2 of 2 connections open", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CommandThenSubmission_OverTheSocket_MakesTheTicket_AndTheAckCarriesTheUpdate()
    {
        await using var bot = await SocketModeHost.StartAsync();
        var sockets = await bot.Socket.WaitForOpenAsync(2);
        await sockets[0].SendEnvelopeAsync("slash_commands", SocketModeHost.Command(SlackHost.EnglishUser, bot.Host.Slack.IssueTrigger()));
        var opened = bot.Host.Slack.CallsTo("views.open").Single().Json()["view"]!.AsObject();

        var ack = await sockets[1].SendEnvelopeAsync("interactive", Submission(opened, "V0SOCKET1"));

        Assert.Equal("update", ack["payload"]!["response_action"]!.GetValue<string>());
        var ticket = Assert.Single(await bot.Host.Keliweb.WaitForTicketsAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("Mail server & DNS", ticket.Subject);
        Assert.Contains("The mailbox is full.", ticket.Message, StringComparison.Ordinal);
        await bot.Host.WaitForCallsAsync("chat.postMessage", c => c.Any(p => p.Body.Contains(ticket.Tid, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SubmissionWithFieldErrors_AckCarriesTheErrors_AndNoTicketIsMade()
    {
        await using var bot = await SocketModeHost.StartAsync();
        var sockets = await bot.Socket.WaitForOpenAsync(1);
        await sockets[0].SendEnvelopeAsync("slash_commands", SocketModeHost.Command(SlackHost.EnglishUser, bot.Host.Slack.IssueTrigger()));
        var opened = bot.Host.Slack.CallsTo("views.open").Single().Json()["view"]!.AsObject();
        var submission = SlackPayloads.Submission(SlackHost.EnglishUser, "V0SOCKERR", opened, new()
        {
            ["department"] = SlackPayloads.Select("1"),
            ["message"] = SlackPayloads.Text("   "),
            // Department 1's own field, shown with it: the errors then go to the modal as they are.
            ["customfield_12"] = SlackPayloads.Text(""),
        });

        var ack = await sockets[0].SendEnvelopeAsync("interactive", submission);

        Assert.Equal("errors", ack["payload"]!["response_action"]!.GetValue<string>());
        Assert.NotNull(ack["payload"]!["errors"]!["message"]);
        Assert.Empty(await bot.Host.Keliweb.GetTicketsAsync());
    }

    [Fact]
    public async Task Shortcut_OverTheSocket_OpensThePrefilledModal()
    {
        await using var bot = await SocketModeHost.StartAsync();
        var sockets = await bot.Socket.WaitForOpenAsync(1);

        var ack = await sockets[0].SendEnvelopeAsync("interactive", SlackPayloads.MessageAction(bot.Host.Slack.IssueTrigger()));

        Assert.Null(ack["payload"]);
        var view = bot.Host.Slack.CallsTo("views.open").Single().Json()["view"]!.AsObject();
        Assert.Equal("open_ticket", view["callback_id"]!.GetValue<string>());
        var metadata = JsonNode.Parse(view["private_metadata"]!.GetValue<string>())!;
        Assert.NotNull(metadata["thread_ts"] ?? metadata["ts"]);
    }

    [Fact]
    public async Task Event_OverTheSocket_IsAcknowledgedWithoutPayload_AndLogged()
    {
        await using var bot = await SocketModeHost.StartAsync();
        var sockets = await bot.Socket.WaitForOpenAsync(1);
        var callback = new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = SlackHost.Team,
            ["event_id"] = "Ev0SOCKET1",
            ["event"] = new JsonObject { ["type"] = "app_home_opened", ["user"] = SlackHost.EnglishUser },
        };

        var ack = await sockets[0].SendEnvelopeAsync("events_api", callback, acceptsResponsePayload: false);

        Assert.Null(ack["payload"]);
        Assert.Contains(bot.Host.Logs.Lines, l => l.Contains("Slack event app_home_opened from team " + SlackHost.Team, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DuplicateEnvelope_OnAnotherConnection_MakesOneTicket_AndGetsTheSameAck()
    {
        await using var bot = await SocketModeHost.StartAsync();
        var sockets = await bot.Socket.WaitForOpenAsync(2);
        await sockets[0].SendEnvelopeAsync("slash_commands", SocketModeHost.Command(SlackHost.EnglishUser, bot.Host.Slack.IssueTrigger()));
        var opened = bot.Host.Slack.CallsTo("views.open").Single().Json()["view"]!.AsObject();
        var submission = Submission(opened, "V0SOCKDUP");

        var acks = await Task.WhenAll(
            sockets[0].SendEnvelopeAsync("interactive", submission, "env-dup-1"),
            sockets[1].SendEnvelopeAsync("interactive", submission, "env-dup-1", retryAttempt: 1));
        // A new envelope for the same view (the user clicked twice): the pipeline's view-id key answers it.
        var again = await sockets[1].SendEnvelopeAsync("interactive", submission, "env-dup-2");

        Assert.All(acks.Append(again), a => Assert.Equal("update", a["payload"]!["response_action"]!.GetValue<string>()));
        var ticket = Assert.Single(await bot.Host.Keliweb.WaitForTicketsAsync(1, TimeSpan.FromSeconds(20)));
        await bot.Host.WaitForCallsAsync("chat.postMessage", c => c.Any(p => p.Body.Contains(ticket.Tid, StringComparison.Ordinal)));
        Assert.Equal(1, await bot.Host.Keliweb.GetCallCountAsync(KeliwebStandIn.OpenTicket));
        Assert.Contains(bot.Host.Logs.Lines, l => l.Contains("env-dup-1 delivered again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServiceTypeahead_OverTheSocket_AcksWithTheRequestersOwnServices()
    {
        // Socket Mode has no options load URL: block_suggestion comes as an interactive envelope, answered in its ack.
        await using var bot = await SocketModeHost.StartAsync(new Dictionary<string, string?>
        {
            ["Links:1:Platform"] = "slack",
            ["Links:1:TeamId"] = SlackHost.Team,
            ["Links:1:UserId"] = SlackHost.EnglishUser,
            ["Links:1:Account"] = "default",
            ["Links:1:ClientId"] = "8",
        });
        await bot.Host.Keliweb.SetProductsAsync(KeliwebStandIn.DefaultUsername, [new(101, "Hosting Starter", "negozio.it")], clientId: 7);
        await bot.Host.Keliweb.SetProductsAsync(KeliwebStandIn.DefaultUsername, [new(201, "Hosting Plus", "acme.example"), new(202, "VPS Pro", "vps.acme.example")], clientId: 8);
        var sockets = await bot.Socket.WaitForOpenAsync(1);

        var ack = await sockets[0].SendEnvelopeAsync("interactive", SlackPayloads.Suggestion(SlackHost.EnglishUser, "hosting"));

        var options = ack["payload"]!["options"]!.AsArray();
        Assert.Equal(["S201"], options.Select(o => o!["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DuplicateCommandEnvelope_RunsTheHandlerOnce()
    {
        await using var bot = await SocketModeHost.StartAsync();
        var sockets = await bot.Socket.WaitForOpenAsync(2);
        var command = SocketModeHost.Command(SlackHost.EnglishUser, bot.Host.Slack.IssueTrigger());

        await sockets[0].SendEnvelopeAsync("slash_commands", command, "env-cmd-dup");
        await sockets[1].SendEnvelopeAsync("slash_commands", command, "env-cmd-dup", retryAttempt: 1);

        Assert.Single(bot.Host.Slack.CallsTo("views.open"));
    }

    [Fact]
    public async Task DisconnectMidFlow_LosesNothing()
    {
        await using var bot = await SocketModeHost.StartAsync(new Dictionary<string, string?> { ["Slack:SocketConnections"] = "1" });
        var first = (await bot.Socket.WaitForOpenAsync(1)).Single();
        await first.SendEnvelopeAsync("slash_commands", SocketModeHost.Command(SlackHost.EnglishUser, bot.Host.Slack.IssueTrigger()));
        var opened = bot.Host.Slack.CallsTo("views.open").Single().Json()["view"]!.AsObject();

        // The submission arrives, then Slack announces the end of this connection before the bot could answer.
        var ack = first.SendEnvelopeAsync("interactive", Submission(opened, "V0SOCKMID"), "env-mid-1");
        await first.DisconnectAsync("warning");

        Assert.Equal("update", (await ack)["payload"]!["response_action"]!.GetValue<string>());
        var replacement = (await bot.Socket.WaitForOpenAsync(2, open => open.Any(s => s != first))).First(s => s != first);
        await first.CloseAsync();
        var ticket = Assert.Single(await bot.Host.Keliweb.WaitForTicketsAsync(1, TimeSpan.FromSeconds(20)));
        await bot.Host.WaitForCallsAsync("chat.postMessage", c => c.Any(p => p.Body.Contains(ticket.Tid, StringComparison.Ordinal)));

        // Slack re-delivers on the new connection what it thinks went unanswered: still one ticket, same answer.
        var again = await replacement.SendEnvelopeAsync("interactive", Submission(opened, "V0SOCKMID"), "env-mid-1", retryAttempt: 1);
        Assert.Equal("update", again["payload"]!["response_action"]!.GetValue<string>());
        Assert.Equal(1, await bot.Host.Keliweb.GetCallCountAsync(KeliwebStandIn.OpenTicket));
    }

    private static JsonObject Submission(JsonObject opened, string viewId) =>
        SlackPayloads.Submission(SlackHost.EnglishUser, viewId, opened, new()
        {
            ["department"] = SlackPayloads.Select("1"),
            ["message"] = SlackPayloads.Text("The mailbox is full."),
            ["customfield_12"] = SlackPayloads.Text("example.it"),
        });
}
