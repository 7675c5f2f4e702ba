using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ChatBot.Tests.Slack;
using ChatBot.Tests.StandIns;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Sync;

/// <summary>
/// End to end through the real host: a ticket opened from Slack is followed; staff replies and status come back into
/// its thread from the Keliweb stand-in, and the requester's thread replies (signed message events) reach the ticket.
/// </summary>
public sealed class SlackTicketSyncTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task StaffReply_AppearsOnceInTheThread_AndTheStatusOnTheAnnouncement(string provider)
    {
        await using var host = await SlackSyncHost.StartAsync(provider: provider);
        var (ticket, announcement) = await SlackSyncHost.OpenTicketAsync(host, SlackHost.EnglishUser);

        var replyId = await host.Keliweb.AddStaffReplyAsync(ticket.Id, "Mario Rossi", "We **fixed** the MX record.\n\nPlease try again <@U0EVERYONE>.", "mx-check.txt");

        var posted = await SlackSyncHost.WaitAsync(
            host,
            () => host.Slack.MessagesIn(SlackHost.Channel).FirstOrDefault(m => m.ThreadTs == announcement.Ts && m.BotPosted),
            "the staff reply in the ticket's thread");
        var json = posted.Message;
        Assert.Equal("keliweb_staff_reply", json["metadata"]!["event_type"]!.GetValue<string>());
        Assert.EndsWith(":" + replyId, json["metadata"]!["event_payload"]!["key"]!.GetValue<string>(), StringComparison.Ordinal);
        var blocks = json["blocks"]!.ToJsonString();
        Assert.Contains($"Mario Rossi (Keliweb support) replied on ticket #{ticket.Tid}", blocks, StringComparison.Ordinal);
        Assert.Contains("*fixed*", blocks, StringComparison.Ordinal);
        Assert.Contains("mx-check.txt", blocks, StringComparison.Ordinal);
        // Staff text cannot mention anyone: it arrives escaped.
        Assert.DoesNotContain("<@U0EVERYONE>", blocks, StringComparison.Ordinal);

        // The announcement shows the status staff set (Answered after a reply).
        await SlackSyncHost.WaitAsync(
            host,
            () => host.Slack.MessagesIn(SlackHost.Channel).Single(m => m.Ts == announcement.Ts) is { Updates: > 0 } updated
                && SlackSyncHost.Text(updated).Contains("Status: Answered", StringComparison.Ordinal) ? updated : null,
            "the announcement showing Answered");
        await host.Keliweb.SetStatusAsync(ticket.Id, "Waiting on Datacenter");
        var custom = await SlackSyncHost.WaitAsync(
            host,
            () => host.Slack.MessagesIn(SlackHost.Channel).Single(m => m.Ts == announcement.Ts) is var m
                && SlackSyncHost.Text(m).Contains("Status: Waiting on Datacenter", StringComparison.Ordinal) ? m : null,
            "the announcement showing a custom status");
        Assert.Contains(ticket.Tid, SlackSyncHost.Text(custom), StringComparison.Ordinal);
        Assert.DoesNotContain(ticket.C, SlackSyncHost.Text(custom), StringComparison.Ordinal);

        // More looks later, still one post of that reply, and none of the opening message.
        await SlackSyncHost.WaitForLooksAsync(host, 2);
        var staffPosts = host.Slack.CallsTo("chat.postMessage").Where(c => c.Json()["metadata"] is not null).ToList();
        Assert.Single(staffPosts);
        Assert.DoesNotContain(staffPosts, p => p.Body.Contains("bounces since the DNS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequesterThreadReplyWithAFile_ReachesTheTicketByteExact_OnceDespiteARedelivery()
    {
        await using var host = await SlackSyncHost.StartAsync();
        var (ticket, announcement) = await SlackSyncHost.OpenTicketAsync(host, SlackHost.EnglishUser);
        var bytes = RandomNumberGenerator.GetBytes(70_000);
        var file = new StandInFile("F0HEADERS", "headers.txt", "text/plain", bytes);
        host.Slack.Files[file.Id] = file;
        var ts = host.Slack.AddUserMessage(SlackHost.Channel, SlackHost.EnglishUser, "Still bouncing, headers attached.", announcement.Ts);
        var reply = SlackSyncHost.ThreadReply(SlackHost.EnglishUser, ts, announcement.Ts, "Still *bouncing*, headers attached.", file);

        var watch = Stopwatch.StartNew();
        using (var first = await SlackSyncHost.SendMessageEventAsync(host, "Ev0FIRST01", reply))
        {
            watch.Stop();
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"the event took {watch.Elapsed}, too close to Slack's 3 s");
        // Slack's retry of the delivery, and the same message again under a new event_id.
        var retry = host.Signer.Json("/slack/events", new JsonObject
        {
            ["team_id"] = SlackHost.Team, ["type"] = "event_callback", ["event_id"] = "Ev0FIRST01", ["event"] = reply.DeepClone(),
        }.ToJsonString());
        retry.Headers.Add("X-Slack-Retry-Num", "1");
        retry.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        using (var again = await host.SendAsync(retry))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        using (var redelivered = await SlackSyncHost.SendMessageEventAsync(host, "Ev0SECOND2", reply.DeepClone().AsObject()))
        {
            Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        }

        var added = await SlackSyncHost.WaitAsync(host, async () => await host.Keliweb.GetRepliesAsync() is [var first, ..] ? first : null, "the reply on the ticket");
        Assert.Equal(ticket.Id, added.TicketId);
        Assert.Contains("Still **bouncing**, headers attached.", added.Message, StringComparison.Ordinal);
        var attachment = Assert.Single(added.Attachments);
        Assert.Equal("headers.txt", attachment.Name);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), attachment.Sha256.ToLowerInvariant());
        await host.WaitForCallsAsync("reactions.add", c => c.Any(r => r.Field("timestamp") == ts && r.Field("name") == "white_check_mark"));

        // The sync reads the ticket again (the reply woke it): the customer's reply is not staff, so it does not come back.
        await SlackSyncHost.WaitForLooksAsync(host, 2);
        Assert.Single(await host.Keliweb.GetRepliesAsync());
        Assert.DoesNotContain(host.Slack.CallsTo("chat.postMessage"), c => c.Json()["metadata"] is not null);
    }

    [Fact]
    public async Task SomeoneElsesThreadReply_DoesNotReachTheTicket_AndTheyAreToldOnce()
    {
        // Only the requester is linked (a user link): Giulia, unlinked, shares only the operator's default account.
        await using var host = await SlackSyncHost.StartAsync(new Dictionary<string, string?> { ["Links:0:UserId"] = SlackHost.EnglishUser });
        var (_, announcement) = await SlackSyncHost.OpenTicketAsync(host, SlackHost.EnglishUser);

        foreach (var (n, text) in new[] { (1, "Me too!"), (2, "Anyone?") })
        {
            var ts = host.Slack.AddUserMessage(SlackHost.Channel, SlackHost.ItalianUser, text, announcement.Ts);
            using var response = await SlackSyncHost.SendMessageEventAsync(host, $"Ev0OTHER{n}", SlackSyncHost.ThreadReply(SlackHost.ItalianUser, ts, announcement.Ts, text));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var hint = await SlackSyncHost.WaitAsync(
            host, () => host.Slack.CallsTo("chat.postEphemeral").FirstOrDefault(e => e.Field("user") == SlackHost.ItalianUser), "the hint to Giulia");
        Assert.Equal(announcement.Ts, hint.Field("thread_ts"));
        Assert.Contains("non è arrivato al ticket", hint.Field("text"), StringComparison.Ordinal);

        await SlackSyncHost.WaitForLooksAsync(host, 2);
        Assert.Empty(await host.Keliweb.GetRepliesAsync());
        Assert.Single(host.Slack.CallsTo("chat.postEphemeral"), e => e.Field("user") == SlackHost.ItalianUser);
        Assert.Empty(host.Slack.CallsTo("reactions.add"));
    }

    [Fact]
    public async Task BotsEditsDeletionsAndOtherThreads_AreAcknowledgedAndIgnored()
    {
        await using var host = await SlackSyncHost.StartAsync();
        var (_, announcement) = await SlackSyncHost.OpenTicketAsync(host, SlackHost.EnglishUser);
        var ts = host.Slack.AddUserMessage(SlackHost.Channel, SlackHost.EnglishUser, "x", announcement.Ts);
        var own = SlackSyncHost.ThreadReply(SlackHost.EnglishUser, ts, announcement.Ts, "The bot's own post");
        own["bot_id"] = "B0CHATBOT";
        own["subtype"] = "bot_message";
        var edit = SlackSyncHost.ThreadReply(SlackHost.EnglishUser, ts, announcement.Ts, "edited");
        edit["subtype"] = "message_changed";
        edit["hidden"] = true;
        var deletion = SlackSyncHost.ThreadReply(SlackHost.EnglishUser, ts, announcement.Ts, "");
        deletion["subtype"] = "message_deleted";
        var otherThread = SlackSyncHost.ThreadReply(SlackHost.EnglishUser, "1700000001.000001", "1700000000.999999", "Not about a ticket");
        var topLevel = SlackSyncHost.ThreadReply(SlackHost.EnglishUser, "1700000002.000001", "1700000002.000001", "A new message");
        var n = 0;
        foreach (var message in new[] { own, edit, deletion, otherThread, topLevel })
        {
            using var response = await SlackSyncHost.SendMessageEventAsync(host, $"Ev0IGNORE{n++}", message);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await SlackSyncHost.WaitForLooksAsync(host, 2);
        Assert.Empty(await host.Keliweb.GetRepliesAsync());
        Assert.Empty(host.Slack.CallsTo("reactions.add"));
        Assert.DoesNotContain(host.Slack.CallsTo("chat.postEphemeral"), e => e.Body.Contains("did not reach", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RepliesInPrivate_KeepsStaffRepliesOutOfTheChannel()
    {
        await using var host = await SlackSyncHost.StartAsync(new Dictionary<string, string?> { ["Sync:RepliesIn"] = "Private" });
        var (ticket, announcement) = await SlackSyncHost.OpenTicketAsync(host, SlackHost.EnglishUser);

        await host.Keliweb.AddStaffReplyAsync(ticket.Id, "Mario Rossi", "Your mailbox password was reset.");

        var direct = await SlackSyncHost.WaitAsync(
            host,
            () => host.Slack.MessagesIn("D" + SlackHost.EnglishUser).FirstOrDefault(m => m.Message["metadata"] is not null), "the staff reply in the DM");
        Assert.Contains("Your mailbox password was reset.", SlackSyncHost.Text(direct), StringComparison.Ordinal);
        await SlackSyncHost.WaitForLooksAsync(host, 1);
        Assert.DoesNotContain(host.Slack.MessagesIn(SlackHost.Channel), m => SlackSyncHost.Text(m).Contains("password was reset", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Slack.MessagesIn(SlackHost.Channel), m => m.ThreadTs == announcement.Ts);
    }

    [Fact]
    public async Task APostSlackTookWithoutSaying_IsFoundByItsKey_NotPostedTwice()
    {
        await using var host = await SlackSyncHost.StartAsync();
        var (ticket, announcement) = await SlackSyncHost.OpenTicketAsync(host, SlackHost.EnglishUser);
        // Slack posts it and answers 500: the bot cannot know whether it is there, as after a crash between post and mark.
        host.Slack.PostThenFail();

        await host.Keliweb.AddStaffReplyAsync(ticket.Id, "Mario Rossi", "Restarted the mail queue.");

        await host.WaitForCallsAsync("conversations.replies", c => c.Any(r => r.Field("ts") == announcement.Ts && r.Field("include_all_metadata") == "true"), SlackSyncHost.Deadline);
        await SlackSyncHost.WaitForLooksAsync(host, 2);
        var posts = host.Slack.MessagesIn(SlackHost.Channel).Where(m => m.ThreadTs == announcement.Ts).ToList();
        var post = Assert.Single(posts);
        Assert.Contains("Restarted the mail queue.", SlackSyncHost.Text(post), StringComparison.Ordinal);
        Assert.Single(host.Slack.CallsTo("chat.postMessage"), c => c.Json()["metadata"] is not null);
    }

    [Fact]
    public async Task ListAndStatus_ShowTheAskersTickets_WithTheirStatusAndTheLastStaffReply()
    {
        await using var host = await SlackSyncHost.StartAsync();
        var (first, _) = await SlackSyncHost.OpenTicketAsync(host, SlackHost.EnglishUser, "The first problem.");
        var (second, secondAnnouncement) = await SlackSyncHost.OpenTicketAsync(host, SlackHost.EnglishUser, "The second problem.");
        await host.Keliweb.AddStaffReplyAsync(second.Id, "Mario Rossi", "Looking into it now.");
        await SlackSyncHost.WaitAsync(
            host,
            () => host.Slack.MessagesIn(SlackHost.Channel).Single(m => m.Ts == secondAnnouncement.Ts) is var m
                && SlackSyncHost.Text(m).Contains("Status: Answered", StringComparison.Ordinal) ? m : null,
            "the second ticket answered");

        var list = await CommandAsync(host, SlackHost.EnglishUser, "list");
        var text = list["blocks"]!.ToJsonString();
        Assert.Equal("ephemeral", list["response_type"]?.GetValue<string>());
        var firstAt = text.IndexOf("#" + first.Tid, StringComparison.Ordinal);
        var secondAt = text.IndexOf("#" + second.Tid, StringComparison.Ordinal);
        Assert.True(secondAt >= 0 && firstAt > secondAt, "newest first: " + text);
        Assert.Contains("Answered", text, StringComparison.Ordinal);
        Assert.Contains("Mail server", text, StringComparison.Ordinal);

        var status = await CommandAsync(host, SlackHost.EnglishUser, "status " + second.Tid);
        var statusText = status["blocks"]!.ToJsonString();
        Assert.Contains("#" + second.Tid, statusText, StringComparison.Ordinal);
        Assert.Contains("Mario Rossi", statusText, StringComparison.Ordinal);
        Assert.Contains("Looking into it now.", statusText, StringComparison.Ordinal);

        // Another person's ticket is not theirs to read, even by its number.
        var other = await CommandAsync(host, SlackHost.ItalianUser, "status " + second.Tid);
        Assert.DoesNotContain("Looking into it now.", other.ToJsonString(), StringComparison.Ordinal);
        var empty = await CommandAsync(host, SlackHost.ItalianUser, "list");
        Assert.DoesNotContain("#" + second.Tid, empty.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task<JsonObject> CommandAsync(SlackHost host, string user, string text)
    {
        using var response = await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(user, host.Slack.IssueTrigger(), text)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task AMalformedMessageEvent_IsAcknowledgedAndDropped_NotRefused()
    {
        // Slack redelivers anything not answered 2xx (a 400 too), and a malformed event comes back just as malformed:
        // it is acknowledged, nothing is stored and nothing is logged as an error.
        await using var host = await SlackSyncHost.StartAsync();
        foreach (var message in new[]
        {
            new JsonObject { ["type"] = "message", ["user"] = "U1", ["ts"] = "1.1", ["thread_ts"] = "1.0" },
            new JsonObject { ["type"] = "message", ["channel"] = null, ["ts"] = "1.1" },
            new JsonObject { ["type"] = "message", ["channel"] = "C1", ["files"] = new JsonArray(null, 5) },
        })
        {
            using var response = await SlackSyncHost.SendMessageEventAsync(host, "Ev0BAD", message);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var scope = host.Factory.Services.CreateAsyncScope();
        await using var connection = await scope.ServiceProvider.GetRequiredService<ChatBot.Storage.Database>().OpenAsync(default);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM thread_inbox"));
        Assert.Equal(3, host.Logs.Lines.Count(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("malformed", StringComparison.Ordinal)));
        Assert.DoesNotContain(host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }
}
