using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Teams.Flows;

/// <summary>
/// The card flow end to end through the real host, the Bot Framework stand-ins and the Keliweb PHP stand-in:
/// "ticket" → form card → submission → ticket opened → card replaced with the result.
/// </summary>
public sealed class TeamsCardFlowTests(TeamsHostFixture fixture) : IClassFixture<TeamsHostFixture>
{
    private TeamsTestHost Host => fixture.Host;

    [Fact]
    public async Task PersonalChat_TicketWithFile_SubmitTwice_OpensOneTicketWithEverything_AndReplacesCardWithNumber()
    {
        var conversation = Host.Personal();
        var fileBytes = Encoding.UTF8.GetBytes("PHP Fatal error: Allowed memory size exhausted\n" + Guid.NewGuid());
        var downloadUrl = Host.Connector.AddDownload("errore-" + Guid.NewGuid().ToString("N") + ".txt", fileBytes);

        using (var asked = await Host.PostAsync(conversation.Activity("message-ticket-personal-with-file.json", downloadUrl: downloadUrl)))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var cardPost = await Host.Connector.WaitForCallAsync(c => c.Method == "POST" && c.ConversationId == conversation.ConversationId, what: "with the form");
        var step = cardPost.Card!;
        Assert.Equal("1.5", step["version"]!.GetValue<string>());
        // The departments ask for different fields: the department comes first.
        Assert.Equal(["department"], step["body"]!.AsArray().Select(e => e!["id"]?.GetValue<string>()).Where(id => id is not null));
        Assert.True(cardPost.Authorized);
        var protectedFiles = step["actions"]![0]!["data"]!["files"]!.GetValue<string>();

        var next = conversation.Activity("message-card-submit.json", replyToId: cardPost.ResponseId);
        next["value"] = new JsonObject { ["chatbotAction"] = "chooseDepartment", ["department"] = "1", ["files"] = protectedFiles };
        using (var chose = await Host.PostAsync(next))
        {
            Assert.Equal(HttpStatusCode.OK, chose.StatusCode);
        }

        var formPut = await Host.Connector.WaitForCallAsync(
            c => c.Method == "PUT" && c.Path.EndsWith("/activities/" + cardPost.ResponseId, StringComparison.Ordinal), what: "with the department's form");
        var card = formPut.Card!;
        var inputs = card["body"]!.AsArray().Select(e => e!["id"]?.GetValue<string>()).Where(id => id is not null).ToList();
        Assert.Equal(["department", "subject", "message", "priority", "customfield_12"], inputs);
        Assert.Equal("1", card["actions"]![0]!["data"]!["formDepartment"]!.GetValue<string>());
        Assert.Equal(protectedFiles, card["actions"]![0]!["data"]!["files"]!.GetValue<string>());

        var subject = "Sito non raggiungibile " + Guid.NewGuid().ToString("N")[..8];
        var submit = conversation.Activity("message-card-submit.json", replyToId: cardPost.ResponseId);
        submit["value"]!["subject"] = subject;
        submit["value"]!["files"] = protectedFiles;
        submit["value"]!["formDepartment"] = "1";
        using (var first = await Host.PostAsync(submit))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var again = submit.DeepClone().AsObject();
        again["id"] = Guid.NewGuid().ToString("N"); // a second click is a new activity on the same card
        using (var second = await Host.PostAsync(again))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        var ticket = await Host.WaitForTicketAsync(subject);
        Assert.Equal(1, ticket.DeptId);
        Assert.Equal("Il sito **example.it** risponde 503 da stamattina.", ticket.Message);
        Assert.Equal("High", ticket.Priority);
        Assert.Equal("example.it", ticket.CustomFields![12]);
        var attachment = Assert.Single(ticket.Attachments);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(fileBytes)), attachment.Sha256.ToLowerInvariant());
        Assert.All(Host.Connector.FileRequests.Where(r => r.Path.Contains("download.aspx", StringComparison.Ordinal)), r => Assert.Null(r.Authorization));

        var result = await Host.Connector.WaitForCallAsync(
            c => c.Method == "PUT" && c.Path.EndsWith("/activities/" + cardPost.ResponseId, StringComparison.Ordinal) && c.Text.Contains("#" + ticket.Tid, StringComparison.Ordinal),
            what: "replacing the card with the ticket number");
        Assert.Contains(ticket.C, result.Text, StringComparison.Ordinal); // a personal chat is the one place the link may go
        Assert.Contains(Host.Connector.Calls, c => c.Method == "PUT" && c.Path.EndsWith("/activities/" + cardPost.ResponseId, StringComparison.Ordinal) && c.Text.Contains(subject, StringComparison.Ordinal) && !c.Text.Contains('#' + ticket.Tid, StringComparison.Ordinal));

        Assert.Single(await Host.Keliweb!.GetTicketsAsync(), t => t.Subject == subject);
        Assert.Single(await Host.SubmissionsAsync(), s => s.Draft.Subject == subject);
    }

    [Fact]
    public async Task ChannelMention_ActionExecute_AnswersCreatingCard_PostsNumberInThread_AndLinkOnlyInPrivateChat()
    {
        var conversation = Host.ChannelThread();
        var ask = conversation.Activity("message-ticket-channel-mention.json");
        using (var asked = await Host.PostAsync(ask))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var cardPost = await Host.Connector.WaitForCallAsync(c => c.Method == "POST" && c.ConversationId == conversation.ConversationId, what: "with the form");
        Assert.EndsWith("/activities/" + ask["id"]!.GetValue<string>(), cardPost.Path, StringComparison.Ordinal);
        Assert.Contains("%3Bmessageid%3D", cardPost.RawTarget, StringComparison.Ordinal);
        Assert.Equal("Action.Execute", cardPost.Card!["actions"]![0]!["type"]!.GetValue<string>());

        var subject = "Email non arrivano " + Guid.NewGuid().ToString("N")[..8];
        var execute = conversation.Activity("invoke-adaptivecard-action.json", replyToId: cardPost.ResponseId);
        execute["conversation"] = ask["conversation"]!.DeepClone();
        execute["channelData"] = ask["channelData"]!.DeepClone();
        execute["value"]!["action"]!["data"]!["subject"] = subject;
        using var response = await Host.PostAsync(execute);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Contains(subject, body["value"]!.ToJsonString(), StringComparison.Ordinal);

        var ticket = await Host.WaitForTicketAsync(subject);
        Assert.Equal("Medium", ticket.Priority);
        var publicResult = await Host.Connector.WaitForCallAsync(
            c => c.Method == "PUT" && c.ConversationId == conversation.ConversationId && c.Text.Contains("#" + ticket.Tid, StringComparison.Ordinal), what: "with the number");
        Assert.DoesNotContain(ticket.C, publicResult.Text, StringComparison.Ordinal);

        var created = await Host.Connector.WaitForCallAsync(c => c.Method == "POST" && c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal) && c.Text.Contains(conversation.UserId, StringComparison.Ordinal), what: "creating the 1:1 chat");
        var parameters = created.Json!;
        Assert.False(parameters["isGroup"]!.GetValue<bool>());
        Assert.Equal(conversation.TenantId, parameters["tenantId"]!.GetValue<string>());
        Assert.Equal(conversation.BotId, parameters["bot"]!["id"]!.GetValue<string>());
        var privateMessage = await Host.Connector.WaitForCallAsync(c => c.Method == "POST" && c.ConversationId == created.ResponseId, what: "with the private link");
        Assert.Contains(ticket.C, privateMessage.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Host.Connector.Calls, c => c.ConversationId == conversation.ConversationId && c.Text.Contains(ticket.C, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ActionExecute_WithMissingSubject_ShowsTheCardAgainWithTheError_AndStoresNothing()
    {
        var conversation = Host.Personal("it-IT");
        var execute = conversation.Activity("invoke-adaptivecard-action.json", replyToId: "card-" + Guid.NewGuid().ToString("N"));
        execute["value"]!["action"]!["data"]!["subject"] = " ";
        var before = (await Host.SubmissionsAsync()).Count;

        using var response = await Host.PostAsync(execute);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]!;
        var texts = card["body"]!.AsArray().Where(e => e!["color"]?.GetValue<string>() == "Attention").Select(e => e!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(["Scrivi un oggetto."], texts);
        Assert.Contains(card["body"]!.AsArray(), e => e!["id"]?.GetValue<string>() == "message" && e["value"]!.GetValue<string>().StartsWith("Da ieri", StringComparison.Ordinal));
        Assert.Equal(before, (await Host.SubmissionsAsync()).Count);
    }

    [Fact]
    public async Task ApiError_ReachesTheUserInItalian()
    {
        await Host.Keliweb!.SetUnknownDepartmentsAsync(2);
        var conversation = Host.Personal("it-IT");
        var subject = "Fattura errata " + Guid.NewGuid().ToString("N")[..8];
        var execute = conversation.Activity("invoke-adaptivecard-action.json", replyToId: "card-" + Guid.NewGuid().ToString("N"));
        var data = execute["value"]!["action"]!["data"]!;
        data["department"] = "2";
        data["subject"] = subject;

        using var response = await Host.PostAsync(execute);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var result = await Host.Connector.WaitForCallAsync(c => c.Method == "PUT" && c.ConversationId == conversation.ConversationId && c.Text.Contains("Non è stato possibile", StringComparison.Ordinal), what: "with the Italian error");
        Assert.Contains("reparto non trovato", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LateSecondClick_AfterTheResult_LeavesTheResultCard()
    {
        var conversation = Host.Personal();
        var cardId = "card-" + Guid.NewGuid().ToString("N");
        var subject = "Doppio clic " + Guid.NewGuid().ToString("N")[..8];
        var execute = conversation.Activity("invoke-adaptivecard-action.json", replyToId: cardId);
        execute["value"]!["action"]!["data"]!["subject"] = subject;
        using (var first = await Host.PostAsync(execute))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var ticket = await Host.WaitForTicketAsync(subject);
        await Host.Connector.WaitForCallAsync(c => c.Method == "PUT" && c.Path.EndsWith("/activities/" + cardId, StringComparison.Ordinal) && c.Text.Contains("#" + ticket.Tid, StringComparison.Ordinal), what: "with the number");
        await WaitForSubmissionStateAsync(subject, ChatBot.Tickets.SubmissionState.Announced);

        execute["id"] = Guid.NewGuid().ToString("N");
        using var second = await Host.PostAsync(execute);

        var body = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        Assert.Single(await Host.Keliweb!.GetTicketsAsync(), t => t.Subject == subject);
    }

    private async Task WaitForSubmissionStateAsync(string subject, ChatBot.Tickets.SubmissionState state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while ((await Host.SubmissionsAsync()).All(s => s.Draft.Subject != subject || s.State != state))
        {
            Assert.True(DateTime.UtcNow < deadline, $"submission '{subject}' never reached {state}");
            await Task.Delay(25);
        }
    }
}
