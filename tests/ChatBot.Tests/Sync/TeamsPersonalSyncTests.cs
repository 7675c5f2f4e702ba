using System.Net;
using ChatBot.Tests.StandIns;
using ChatBot.Tests.Teams;

namespace ChatBot.Tests.Sync;

/// <summary>
/// The ticket sync in the Teams 1:1 chat, where there are no threads: a message replying to the ticket's card reaches
/// the ticket, a message replying to nothing does not, and <c>my tickets</c> lists the person's tickets with their status.
/// </summary>
public sealed class TeamsPersonalSyncTests
{
    [Fact]
    public async Task ReplyToTheTicketsCard_InThePersonalChat_ReachesTheTicket_AndMyTicketsListsIt()
    {
        const string requesterAad = "5e1d9c3a-7b2f-4a8e-9c6d-3f0a1b2c4d5e";
        await using var host = await TeamsTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Sync:ActivePollInterval"] = "00:00:05",
            ["Sync:IdlePollInterval"] = "00:00:10",
            ["Sync:MaxRequestsPerSecond"] = "50",
            ["Links:0:UserId"] = requesterAad,
        });
        var chat = host.Personal() with { AadObjectId = requesterAad };
        var ask = chat.Activity("message-ticket-personal-with-file.json");
        ask.Remove("attachments");
        ask["text"] = "ticket";
        using (var asked = await host.PostAsync(ask))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var cardPost = await host.Connector.WaitForCallAsync(c => c.Method == "POST" && c.ConversationId == chat.ConversationId, what: "with the form");
        var subject = "Fattura errata " + Guid.NewGuid().ToString("N")[..8];
        var execute = chat.Activity("invoke-adaptivecard-action.json", replyToId: cardPost.ResponseId);
        execute["conversation"] = ask["conversation"]!.DeepClone();
        execute["channelData"] = ask["channelData"]?.DeepClone();
        execute["value"]!["action"]!["data"]!["subject"] = subject;
        using (var response = await host.PostAsync(execute))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var ticket = await host.WaitForTicketAsync(subject);
        await host.Connector.WaitForCallAsync(
            c => c.Method == "PUT" && c.ConversationId == chat.ConversationId && c.Text.Contains("#" + ticket.Tid, StringComparison.Ordinal), what: "the card with the number");
        await SlackSyncHostWait.UntilAsync(async () => await host.Keliweb!.GetCallCountAsync(KeliwebStandIn.GetTicket) > 0, host);

        // Not a reply to anything: an ordinary message in the chat (the help), never the ticket's.
        var loose = chat.Activity("message-ticket-personal-with-file.json");
        loose.Remove("attachments");
        loose["text"] = "hello there";
        using (var response = await host.PostAsync(loose))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var reply = chat.Activity("message-ticket-personal-with-file.json");
        reply.Remove("attachments");
        // Teams' "reply" to a message in a chat: the activity names the card it quotes.
        reply["replyToId"] = cardPost.ResponseId;
        reply["text"] = "The invoice number is 2026/118.";
        using (var response = await host.PostAsync(reply))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await SlackSyncHostWait.UntilAsync(async () => (await host.Keliweb!.GetRepliesAsync()).Count > 0, host);
        var added = Assert.Single(await host.Keliweb!.GetRepliesAsync());
        Assert.Equal(ticket.Id, added.TicketId);
        Assert.Contains("The invoice number is 2026/118.", added.Message, StringComparison.Ordinal);
        await host.Connector.WaitForCallAsync(
            c => c.Method == "POST" && c.ConversationId == chat.ConversationId && c.Text.Contains("Added to ticket #" + ticket.Tid, StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the acknowledgement");

        await host.Keliweb.SetStatusAsync(ticket.Id, "In Progress");
        await host.Connector.WaitForCallAsync(
            c => c.Method == "PUT" && c.Path.EndsWith("/activities/" + cardPost.ResponseId, StringComparison.Ordinal) && c.Text.Contains("In progress", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the card showing In progress");

        var list = chat.Activity("message-ticket-personal-with-file.json");
        list.Remove("attachments");
        list["text"] = "my tickets";
        using (var response = await host.PostAsync(list))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var answer = await host.Connector.WaitForCallAsync(
            c => c.Method == "POST" && c.ConversationId == chat.ConversationId && c.Text.Contains("#" + ticket.Tid, StringComparison.Ordinal) && c.Text.Contains("In progress", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the list of tickets");
        Assert.Contains(subject, answer.Text, StringComparison.Ordinal);
        Assert.Single(await host.Keliweb.GetRepliesAsync());

        // Someone else asking in their own chat sees none of it.
        var other = host.Personal();
        var theirs = other.Activity("message-ticket-personal-with-file.json");
        theirs.Remove("attachments");
        theirs["text"] = "my tickets";
        using (var response = await host.PostAsync(theirs))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var otherAnswer = await host.Connector.WaitForCallAsync(c => c.Method == "POST" && c.ConversationId == other.ConversationId, TimeSpan.FromSeconds(60), "the other person's answer");
        Assert.DoesNotContain("#" + ticket.Tid, otherAnswer.Text, StringComparison.Ordinal);
    }
}
