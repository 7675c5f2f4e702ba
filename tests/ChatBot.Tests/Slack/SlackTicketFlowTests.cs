using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Slack;

/// <summary>End to end: signed Slack requests into the real host, tickets out at the Keliweb PHP stand-in, replies back at the Slack stand-in.</summary>
public sealed class SlackTicketFlowTests
{
    [Fact]
    public async Task TicketCommand_OpensTheModalInTheUsersLanguage()
    {
        await using var host = await SlackHost.StartAsync();
        var trigger = host.Slack.IssueTrigger();

        var watch = Stopwatch.StartNew();
        using var response = await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.ItalianUser, trigger)));
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the command took {watch.Elapsed}, too close to Slack's 3 s");
        var open = Assert.Single(host.Slack.CallsTo("views.open")).Json();
        Assert.Equal(trigger, open["trigger_id"]!.GetValue<string>());
        var view = open["view"]!.AsObject();
        Assert.Equal("open_ticket", view["callback_id"]!.GetValue<string>());
        Assert.Equal("Apri un ticket", view["title"]!["text"]!.GetValue<string>());
        var subject = view["blocks"]!.AsArray().Single(b => b!["block_id"]!.GetValue<string>() == "subject")!;
        Assert.Equal("Mail server & DNS", subject["element"]!["initial_value"]!.GetValue<string>());
        var metadata = JsonNode.Parse(view["private_metadata"]!.GetValue<string>())!;
        Assert.Equal(SlackHost.Channel, metadata["channel"]!.GetValue<string>());
        Assert.Equal(SlackHost.ItalianUser, metadata["user"]!.GetValue<string>());
    }

    [Fact]
    public async Task CommandThenSubmission_MakesTheTicketWithEveryFieldAndPostsTheNumber()
    {
        await using var host = await SlackHost.StartAsync();
        await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.EnglishUser, host.Slack.IssueTrigger())));
        var opened = host.Slack.CallsTo("views.open").Single().Json()["view"]!.AsObject();
        var submission = SlackPayloads.Submission(SlackHost.EnglishUser, "V0CMD0001", opened, new()
        {
            ["department"] = SlackPayloads.Select("1"),
            ["message"] = SlackPayloads.Text("Every message bounces since the DNS change."),
            ["priority"] = SlackPayloads.Select("High"),
            ["customfield_12"] = SlackPayloads.Text("example.it"),
        });

        using var response = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", submission.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ack = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("update", ack["response_action"]!.GetValue<string>());
        var ticket = Assert.Single(await host.Keliweb.WaitForTicketsAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal(1, ticket.DeptId);
        Assert.Equal("Mail server & DNS", ticket.Subject);
        Assert.Contains("Every message bounces since the DNS change.", ticket.Message, StringComparison.Ordinal);
        Assert.Equal("High", ticket.Priority);
        Assert.Equal("example.it", ticket.CustomFields![12]);

        var posts = await host.WaitForCallsAsync("chat.postMessage", c => c.Any(p => p.Body.Contains(ticket.Tid, StringComparison.Ordinal)));
        var post = posts.First(p => p.Body.Contains(ticket.Tid, StringComparison.Ordinal)).Json();
        Assert.Equal(SlackHost.Channel, post["channel"]!.GetValue<string>());
        Assert.Null(post["thread_ts"]);
        Assert.DoesNotContain(ticket.C, post.ToJsonString(), StringComparison.Ordinal);
        var ephemeral = await host.WaitForCallsAsync("chat.postEphemeral", c => c.Count > 0);
        Assert.Contains(ticket.C, ephemeral[0].Body, StringComparison.Ordinal);
        Assert.Equal(SlackHost.EnglishUser, ephemeral[0].Json()["user"]!.GetValue<string>());
    }

    [Fact]
    public async Task SubmissionWithForeignMetadata_StillMakesTheTicket_AndAnswersByDirectMessage()
    {
        await using var host = await SlackHost.StartAsync();
        await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.EnglishUser, host.Slack.IssueTrigger())));
        var opened = host.Slack.CallsTo("views.open").Single().Json()["view"]!.AsObject();
        // A bare channel id, as apps built on Bolt's examples keep there: not ours, so not a conversation to trust.
        opened["private_metadata"] = SlackHost.Channel;
        var submission = SlackPayloads.Submission(SlackHost.EnglishUser, "V0FOREIGN", opened, new()
        {
            ["department"] = SlackPayloads.Select("1"),
            ["message"] = SlackPayloads.Text("Backups stopped on Monday."),
            ["customfield_12"] = SlackPayloads.Text("example.it"),
        });

        using var response = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", submission.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = Assert.Single(await host.Keliweb.WaitForTicketsAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Contains("Backups stopped on Monday.", ticket.Message, StringComparison.Ordinal);
        // The stand-in records a call before it answers, refused ones too: wait for the post that reached the DM, not
        // for the first attempt (to the user id, refused), or the DM's conversations.open may not have happened yet.
        var dm = "D" + SlackHost.EnglishUser;
        await host.WaitForCallsAsync("chat.postMessage", c => c.Any(p => p.Field("channel") == dm && p.Body.Contains(ticket.Tid, StringComparison.Ordinal)));
        Assert.DoesNotContain(host.Slack.CallsTo("chat.postMessage"), p => p.Field("channel") == SlackHost.Channel);
        var opens = host.Slack.CallsTo("conversations.open");
        Assert.NotEmpty(opens);
        Assert.All(opens, o => Assert.Equal(SlackHost.EnglishUser, o.Json()["users"]!.GetValue<string>()));
    }

    [Fact]
    public async Task RetriesAndDoubleSubmits_MakeOneTicket()
    {
        await using var host = await SlackHost.StartAsync();
        await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.EnglishUser, host.Slack.IssueTrigger())));
        var opened = host.Slack.CallsTo("views.open").Single().Json()["view"]!.AsObject();
        var body = SlackPayloads.Submission(SlackHost.EnglishUser, "V0DOUBLE1", opened, new()
        {
            ["department"] = SlackPayloads.Select("2"),
            ["message"] = SlackPayloads.Text("Invoice 42 is wrong."),
        }).ToJsonString();

        HttpRequestMessage Retry(int n)
        {
            var request = host.Signer.Interaction("/slack/interactivity", body);
            request.Headers.Add("X-Slack-Retry-Num", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
            return request;
        }

        var responses = await Task.WhenAll(
            host.SendAsync(host.Signer.Interaction("/slack/interactivity", body)),
            host.SendAsync(host.Signer.Interaction("/slack/interactivity", body)),
            host.SendAsync(Retry(1)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        using var late = await host.SendAsync(Retry(2));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);

        var ticket = Assert.Single(await host.Keliweb.WaitForTicketsAsync(1, TimeSpan.FromSeconds(20)));
        await host.WaitForCallsAsync("chat.postMessage", c => c.Any(p => p.Body.Contains(ticket.Tid, StringComparison.Ordinal)));
        // The worker is idle once the result is posted: a second ticket would have been opened before it.
        Assert.Equal(1, await host.Keliweb.GetCallCountAsync(KeliwebStandIn.OpenTicket));
        Assert.Single(await host.Keliweb.GetTicketsAsync());
    }

    [Fact]
    public async Task KeliwebRefusesTheTicket_TheUserIsToldInItalian()
    {
        await using var host = await SlackHost.StartAsync();
        await host.Keliweb.SetUnknownDepartmentsAsync(1);
        await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.ItalianUser, host.Slack.IssueTrigger())));
        var opened = host.Slack.CallsTo("views.open").Single().Json()["view"]!.AsObject();
        var submission = SlackPayloads.Submission(SlackHost.ItalianUser, "V0REFUSE1", opened, new()
        {
            ["department"] = SlackPayloads.Select("1"),
            ["message"] = SlackPayloads.Text("Il server di posta non funziona."),
            ["customfield_12"] = SlackPayloads.Text("example.it"),
        });

        await host.SendAsync(host.Signer.Interaction("/slack/interactivity", submission.ToJsonString()));

        var posts = await host.WaitForCallsAsync("chat.postMessage", c => c.Any(p => p.Body.Contains("reparto non trovato", StringComparison.Ordinal)));
        var text = posts.First(p => p.Body.Contains("reparto non trovato", StringComparison.Ordinal)).Json()["text"]!.GetValue<string>();
        Assert.StartsWith("Non è stato possibile aprire il ticket", text, StringComparison.Ordinal);
        Assert.Empty(await host.Keliweb.GetTicketsAsync());
    }

    [Fact]
    public async Task UserNotLinked_IsToldPrivatelyHowToLink_AndNoModalOpens()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false);

        using var response = await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.ItalianUser, host.Slack.IssueTrigger())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", answer["response_type"]!.GetValue<string>());
        var text = answer["text"]!.GetValue<string>();
        Assert.Contains("non è collegato", text, StringComparison.Ordinal);
        Assert.Contains(SlackHost.Team, text, StringComparison.Ordinal);
        Assert.Empty(host.Slack.CallsTo("views.open"));
    }

    [Fact]
    public async Task SubmissionWithMissingFields_GetsLocalizedErrorsAndNoTicket()
    {
        await using var host = await SlackHost.StartAsync();
        await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.ItalianUser, host.Slack.IssueTrigger(), text: "")));
        var opened = host.Slack.CallsTo("views.open").Single().Json()["view"]!.AsObject();
        // Department 1 chosen: the modal now shows its Domain field (views.update), left empty.
        var submission = SlackPayloads.Submission(
            SlackHost.ItalianUser, "V0ERRORS1", opened, new() { ["department"] = SlackPayloads.Select("1"), ["customfield_12"] = SlackPayloads.Text("") });

        using var response = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", submission.ToJsonString()));

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", answer["response_action"]!.GetValue<string>());
        Assert.Equal("Scrivi un oggetto.", answer["errors"]!["subject"]!.GetValue<string>());
        Assert.Equal("Scrivi un messaggio.", answer["errors"]!["message"]!.GetValue<string>());
        Assert.NotNull(answer["errors"]!["customfield_12"]);
        Assert.Equal(0, await host.Keliweb.GetCallCountAsync(KeliwebStandIn.OpenTicket));
    }

    [Fact]
    public async Task ExpiredTrigger_TellsTheUserToTryAgain_WithoutSlacksErrorCode()
    {
        await using var host = await SlackHost.StartAsync();
        var trigger = host.Slack.IssueTrigger();
        using (await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.EnglishUser, trigger))))
        {
        }

        // The same trigger again: Slack refuses a trigger's second use.
        using var response = await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.EnglishUser, trigger)));

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.DoesNotContain("trigger_id", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("/ticket", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UncertainResult_OffersSubmitAgain_AndTheButtonMakesANewTicket()
    {
        await using var host = await SlackHost.StartAsync();
        // Keliweb opens the ticket but the connection drops before the answer: the bot cannot know.
        await host.Keliweb.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.CloseConnection(processFirst: true));
        await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.EnglishUser, host.Slack.IssueTrigger())));
        var opened = host.Slack.CallsTo("views.open").Single().Json()["view"]!.AsObject();
        var submission = SlackPayloads.Submission(SlackHost.EnglishUser, "V0UNSURE1", opened, new()
        {
            ["department"] = SlackPayloads.Select("2"),
            ["message"] = SlackPayloads.Text("Please check invoice 42."),
        });
        await host.SendAsync(host.Signer.Interaction("/slack/interactivity", submission.ToJsonString()));

        var offers = await host.WaitForCallsAsync("chat.postEphemeral", c => c.Any(p => p.Body.Contains("ticket_resubmit", StringComparison.Ordinal)));
        var button = offers.First(p => p.Body.Contains("ticket_resubmit", StringComparison.Ordinal)).Json()["blocks"]![1]!["elements"]![0]!;
        var click = new JsonObject
        {
            ["type"] = "block_actions",
            ["team"] = new JsonObject { ["id"] = SlackHost.Team, ["domain"] = "keliweb-customer" },
            ["user"] = new JsonObject { ["id"] = SlackHost.EnglishUser, ["team_id"] = SlackHost.Team },
            ["channel"] = new JsonObject { ["id"] = SlackHost.Channel, ["name"] = "helpdesk" },
            ["trigger_id"] = "1.2.3",
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button", ["action_id"] = button["action_id"]!.GetValue<string>(), ["block_id"] = "ticket_resubmit",
                ["value"] = button["value"]!.GetValue<string>(), ["action_ts"] = "1700000001.000001",
            }),
        };
        using var ack = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", click.ToJsonString()));
        using var doubleClick = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", click.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var tickets = await host.Keliweb.WaitForTicketsAsync(2, TimeSpan.FromSeconds(20));
        await host.WaitForCallsAsync("chat.postMessage", c => c.Any(p => p.Body.Contains(tickets[1].Tid, StringComparison.Ordinal)));
        Assert.Equal(2, (await host.Keliweb.GetTicketsAsync()).Count);
    }
}
