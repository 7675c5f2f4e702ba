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
        var ask = conversation.Activity("message-ticket-channel-mention.json");
        using (var asked = await host.PostAsync(ask))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var cardPost = await host.Connector.WaitForCallAsync(c => c.Method == "POST" && c.ConversationId == conversation.ConversationId, what: "with the form");
        var subject = "Email non arrivano " + Guid.NewGuid().ToString("N")[..8];
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

internal static class SlackSyncHostWait
{
    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("condition not met in 60 s");
            }

            await Task.Delay(200);
        }
    }
}
