using System.Net;
using ChatBot.Tests.Teams;

namespace ChatBot.Tests.Sync;

/// <summary>Keliweb to Teams end to end: a staff reply into the ticket's channel thread, the status onto the announcing card.</summary>
public sealed class TeamsTicketSyncTests
{
    [Fact]
    public async Task StaffReply_GoesIntoTheChannelThread_AndTheStatusOntoTheAnnouncingCard()
    {
        await using var host = await TeamsTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Sync:ActivePollInterval"] = "00:00:05",
            ["Sync:IdlePollInterval"] = "00:00:10",
            ["Sync:MaxRequestsPerSecond"] = "50",
        });
        var conversation = host.ChannelThread();
        var (ticket, cardPost) = await TeamsSyncSteps.OpenChannelTicketAsync(host, conversation, "Email non arrivano");

        await host.Keliweb!.AddStaffReplyAsync(ticket.Id, "Mario Rossi", "The **MX record** was wrong: fixed.", "dig.txt");

        var reply = await host.Connector.WaitForCallAsync(
            c => c.Method == "POST" && c.ConversationId == conversation.ConversationId && c.Text.Contains("MX record", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the staff reply in the thread");
        Assert.Contains("**MX record**", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Mario Rossi", reply.Text, StringComparison.Ordinal);
        Assert.Contains("dig.txt", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ticket.C, reply.Text, StringComparison.Ordinal);

        var status = await host.Connector.WaitForCallAsync(
            c => c.Method == "PUT" && c.Path.EndsWith("/activities/" + cardPost.ResponseId, StringComparison.Ordinal) && c.Text.Contains("Answered", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the card showing Answered");
        Assert.Contains("#" + ticket.Tid, status.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ticket.C, status.Text, StringComparison.Ordinal);

        // Later looks post nothing more.
        var looks = await host.Keliweb.GetCallCountAsync(ChatBot.Tests.StandIns.KeliwebStandIn.GetTicket);
        await SlackSyncHostWait.UntilAsync(async () => await host.Keliweb.GetCallCountAsync(ChatBot.Tests.StandIns.KeliwebStandIn.GetTicket) >= looks + 2);
        Assert.Single(host.Connector.Calls, c => c.Method == "POST" && c.Text.Contains("MX record", StringComparison.Ordinal));
    }
}

public sealed class TeamsThreadReplyTests
{
    [Fact]
    public async Task RequestersThreadReply_ReachesTheTicket_SomeoneElsesGetsAHint_ChatterIsLeftAlone()
    {
        const string requesterAad = "0b7c6a1e-5d4f-4e3a-9b2c-1a0f9e8d7c6b";
        await using var host = await TeamsTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Sync:ActivePollInterval"] = "00:00:05",
            ["Sync:IdlePollInterval"] = "00:00:10",
            ["Sync:MaxRequestsPerSecond"] = "50",
            // Only the requester is linked: anyone else in the tenant is not the ticket's.
            ["Links:0:UserId"] = requesterAad,
            ["Logging:LogLevel:Default"] = "Debug",
        });
        var conversation = host.ChannelThread() with { AadObjectId = requesterAad };
        var (ticket, _) = await TeamsSyncSteps.OpenChannelTicketAsync(host, conversation, "Posta ferma");

        // The ticket's thread leads to it once the announcement is saved (just after the card shows the number): the
        // sync's first look says it is.
        await SlackSyncHostWait.UntilAsync(async () => await host.Keliweb!.GetCallCountAsync(ChatBot.Tests.StandIns.KeliwebStandIn.GetTicket) > 0, host);
        var reply = conversation.Activity("message-channel-thread-reply.json");
        using (var first = await host.PostAsync(reply))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var again = await host.PostAsync(reply.DeepClone().AsObject()))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        await SlackSyncHostWait.UntilAsync(async () => (await host.Keliweb!.GetRepliesAsync()).Count > 0, host);
        var added = Assert.Single(await host.Keliweb!.GetRepliesAsync());
        Assert.Equal(ticket.Id, added.TicketId);
        Assert.Contains("Thanks, but it still bounces & the queue grows.", added.Message, StringComparison.Ordinal);
        await host.Connector.WaitForCallAsync(
            c => c.Method == "POST" && c.ConversationId == conversation.ConversationId && c.Text.Contains("Added to ticket #" + ticket.Tid, StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the acknowledgement");

        // Someone else in the thread: not sent, told once in their 1:1 chat.
        var other = conversation with { AadObjectId = Guid.NewGuid().ToString(), UserId = "29:1" + Guid.NewGuid().ToString("N") };
        using (var response = await host.PostAsync(other.Activity("message-channel-thread-reply.json")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var created = await host.Connector.WaitForCallAsync(
            c => c.Method == "POST" && c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal) && c.Text.Contains(other.UserId, StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "opening the other person's 1:1 chat");
        await host.Connector.WaitForCallAsync(
            c => c.Method == "POST" && c.ConversationId == created.ResponseId && c.Text.Contains("did not reach ticket #" + ticket.Tid, StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the hint");

        // Channel chatter elsewhere, not addressed to the bot (it hears it through the consent): no answer at all.
        var elsewhere = host.ChannelThread();
        var before = host.Connector.Calls.Count(c => c.ConversationId == elsewhere.ConversationId);
        using (var response = await host.PostAsync(elsewhere.Activity("message-channel-thread-reply.json")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var looks = await host.Keliweb.GetCallCountAsync(ChatBot.Tests.StandIns.KeliwebStandIn.GetTicket);
        await SlackSyncHostWait.UntilAsync(async () => await host.Keliweb.GetCallCountAsync(ChatBot.Tests.StandIns.KeliwebStandIn.GetTicket) >= looks + 2);
        Assert.Equal(before, host.Connector.Calls.Count(c => c.ConversationId == elsewhere.ConversationId));
        Assert.Single(await host.Keliweb.GetRepliesAsync());
        // The customer's reply is not staff: it does not come back into the thread.
        Assert.DoesNotContain(host.Connector.Calls, c => c.Text.Contains("(Keliweb support) replied", StringComparison.Ordinal));
    }
}

internal static class TeamsSyncSteps
{
    /// <summary>"Ticket" @mentioned in a channel thread, the form filled in: the ticket, and the card that now shows its number.</summary>
    public static async Task<(ChatBot.Tests.StandIns.StandInTicket Ticket, ChatBot.Tests.StandIns.ConnectorCall CardPost)> OpenChannelTicketAsync(
        TeamsTestHost host, TeamsConversation conversation, string subjectPrefix)
    {
        var ask = conversation.Activity("message-ticket-channel-mention.json");
        using (var asked = await host.PostAsync(ask))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var cardPost = await host.Connector.WaitForCallAsync(c => c.Method == "POST" && c.ConversationId == conversation.ConversationId, what: "with the form");
        var subject = subjectPrefix + " " + Guid.NewGuid().ToString("N")[..8];
        var execute = conversation.Activity("invoke-adaptivecard-action.json", replyToId: cardPost.ResponseId);
        execute["conversation"] = ask["conversation"]!.DeepClone();
        execute["channelData"] = ask["channelData"]!.DeepClone();
        execute["value"]!["action"]!["data"]!["subject"] = subject;
        using (var response = await host.PostAsync(execute))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var ticket = await host.WaitForTicketAsync(subject);
        await host.Connector.WaitForCallAsync(
            c => c.Method == "PUT" && c.ConversationId == conversation.ConversationId && c.Text.Contains("#" + ticket.Tid, StringComparison.Ordinal), what: "with the number");
        return (ticket, cardPost);
    }
}

internal static class SlackSyncHostWait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TeamsTestHost? host = null)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("condition not met in 60 s. The bot's log:\n" + string.Join("\n", host?.Logs.Lines.Where(l => !l.Contains("Microsoft.", StringComparison.Ordinal) && !l.Contains("System.Net.Http", StringComparison.Ordinal)).TakeLast(80) ?? []));
            }

            await Task.Delay(200);
        }
    }
}
