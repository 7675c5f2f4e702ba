using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Tests.Teams.Cards;

namespace ChatBot.Tests.Teams.Flows;

/// <summary>
/// Issue 10, defect 5: what the user typed (subject, file names) shows in the bot's cards as typed, not as Markdown:
/// no link under the bot's name, no bold. The ticket itself keeps the user's Markdown.
/// </summary>
public sealed class TeamsUserMarkdownTests(TeamsHostFixture fixture) : IClassFixture<TeamsHostFixture>
{
    private const string Phishing = "[Open your ticket (login required)](https://evil.example/login) **URGENT**";

    private TeamsTestHost Host => fixture.Host;

    [Fact]
    public async Task MarkdownSubject_ShowsAsTyped_InTheCreatingAndResultCards_AndReachesKeliwebUnchanged()
    {
        var conversation = Host.ChannelThread();
        var subject = Phishing + " " + Guid.NewGuid().ToString("N")[..8];
        var message = "See **this** and [that](https://status.example.it/) _please_";
        var execute = conversation.Activity("invoke-adaptivecard-action.json", replyToId: "card-" + Guid.NewGuid().ToString("N"));
        execute["conversation"] = new JsonObject { ["conversationType"] = "channel", ["id"] = conversation.ConversationId, ["tenantId"] = conversation.TenantId };
        execute["value"]!["action"]!["data"]!["subject"] = subject;
        execute["value"]!["action"]!["data"]!["message"] = message;

        using var response = await Host.PostAsync(execute);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        CardText.AssertShowsAsTyped(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"], subject);
        var ticket = await Host.WaitForTicketAsync(subject);
        Assert.Equal(message, ticket.Message);
        var result = await Host.Connector.WaitForCallAsync(
            c => c.Method == "PUT" && c.ConversationId == conversation.ConversationId && c.Text.Contains("#" + ticket.Tid, StringComparison.Ordinal), what: "with the number");
        CardText.AssertShowsAsTyped(result.Card, subject);
    }

    [Fact]
    public async Task MarkdownFileName_ShowsAsTyped_InTheMessageActionForm()
    {
        var activity = Host.ChannelThread().Activity("invoke-fetchtask-message-channel.json");
        const string name = "[invoice](https://evil.example/pay) **now**.pdf";
        activity["value"]!["messagePayload"]!["attachments"]![0]!["name"] = name;

        using var response = await Host.PostAsync(activity);

        var card = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["task"]!["value"]!["card"]!["content"];
        CardText.AssertShowsAsTyped(card, name);
    }

    [Fact]
    public async Task MarkdownFileName_ShowsAsTyped_InTheChatForm()
    {
        var conversation = Host.Personal();
        const string name = "_[x](https://evil.example/)_.txt";
        var activity = conversation.Activity("message-ticket-personal-with-file.json", downloadUrl: Host.Connector.AddDownload("m.txt", [1]));
        activity["attachments"]![0]!["name"] = name;

        using (var asked = await Host.PostAsync(activity))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var cardPost = await Host.Connector.WaitForCallAsync(c => c.ConversationId == conversation.ConversationId, what: "with the form");
        CardText.AssertShowsAsTyped(cardPost.Card, name);
    }
}
