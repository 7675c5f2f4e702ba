using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Teams.Flows;

/// <summary>An open-ticket that timed out after Keliweb processed it: the card says so and offers "Submit again", on purpose only.</summary>
public sealed class TeamsUncertainResultTests
{
    [Fact]
    public async Task TimedOutOpenTicket_ShowsSubmitAgain_WhichOpensOneMoreTicket_EvenWhenClickedTwice()
    {
        await using var host = await TeamsTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Keliweb:Timeout"] = "00:00:02" });
        await host.Keliweb!.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.ProcessThenDelay(4));
        var conversation = host.Personal();
        var subject = "Risposta lenta " + Guid.NewGuid().ToString("N")[..8];
        var cardId = "card-" + Guid.NewGuid().ToString("N");
        var execute = conversation.Activity("invoke-adaptivecard-action.json", replyToId: cardId);
        execute["value"]!["action"]!["data"]!["subject"] = subject;

        using (var submitted = await host.PostAsync(execute))
        {
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        var uncertain = await host.Connector.WaitForCallAsync(
            c => c.Method == "PUT" && c.Path.EndsWith("/activities/" + cardId, StringComparison.Ordinal) && c.Card?["actions"] is not null,
            TimeSpan.FromSeconds(30), "with Submit again");
        var again = uncertain.Card!["actions"]![0]!;
        Assert.Equal("resubmitTicket", again["verb"]!.GetValue<string>());

        var resubmit = conversation.Activity("invoke-adaptivecard-action.json", replyToId: cardId);
        resubmit["value"]!["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "resubmitTicket", ["data"] = again["data"]!.DeepClone() };
        using (var first = await host.PostAsync(resubmit))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        resubmit["id"] = Guid.NewGuid().ToString("N");
        using (var second = await host.PostAsync(resubmit))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        var opened = await host.Connector.WaitForCallAsync(
            c => c.Method == "PUT" && c.Path.EndsWith("/activities/" + cardId, StringComparison.Ordinal) && c.Text.Contains("Ticket #", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "with the number after submitting again");
        var tickets = (await host.Keliweb.GetTicketsAsync()).Where(t => t.Subject == subject).ToList();
        Assert.Equal(2, tickets.Count); // the one the timed-out request made, and the one asked for on purpose
        Assert.Contains(tickets, t => opened.Text.Contains("#" + t.Tid, StringComparison.Ordinal));
        Assert.Equal(2, (await host.SubmissionsAsync()).Count(s => s.Draft.Subject == subject)); // the second click made nothing new
    }
}
