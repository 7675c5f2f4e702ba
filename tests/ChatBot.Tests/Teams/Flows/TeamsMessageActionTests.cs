using System.Net;
using System.Text.Json.Nodes;

namespace ChatBot.Tests.Teams.Flows;

/// <summary>"Create ticket" on a channel message: fetchTask dialog, submitAction, ticket, number in the message's thread.</summary>
public sealed class TeamsMessageActionTests(TeamsHostFixture fixture) : IClassFixture<TeamsHostFixture>
{
    private const string ChannelThread = "19:c8a1e2f0b4d94c0e8f3e1d2c3b4a5f60@thread.tacv2;messageid=1732785011000";

    private TeamsTestHost Host => fixture.Host;

    [Fact]
    public async Task FetchTask_AnswersTheFormPrefilledFromTheMessage()
    {
        var activity = Host.ChannelThread().Activity("invoke-fetchtask-message-channel.json");

        using var response = await Host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var task = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["task"]!;
        Assert.Equal("continue", task["type"]!.GetValue<string>());
        Assert.Equal("Create ticket", task["value"]!["title"]!.GetValue<string>());
        var step = task["value"]!["card"]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", step["contentType"]!.GetValue<string>());
        Assert.Equal(["department"], step["content"]!["body"]!.AsArray().Select(e => e!["id"]?.GetValue<string>()).Where(id => id is not null));
        Assert.Contains(step["content"]!["body"]!.AsArray(), e => e!["text"]?.GetValue<string>().StartsWith("error-log.txt:", StringComparison.Ordinal) == true);

        // "Next" in the dialog: the data carries what the message prefilled, the answer is the department's form.
        var next = Host.ChannelThread().Activity("invoke-submitaction-message-channel.json");
        var data = step["content"]!["actions"]![0]!["data"]!.DeepClone().AsObject();
        data["department"] = "1";
        next["value"]!["data"] = data;
        using var continued = await Host.PostAsync(next);
        Assert.Equal(HttpStatusCode.OK, continued.StatusCode);
        var attachment = JsonNode.Parse(await continued.Content.ReadAsStringAsync())!["task"]!["value"]!["card"]!;
        var body = attachment["content"]!["body"]!.AsArray();
        Assert.Contains(body, e => e!["id"]?.GetValue<string>() == "customfield_12");
        string Value(string id) => body.Single(e => e!["id"]?.GetValue<string>() == id)!["value"]!.GetValue<string>();
        Assert.Equal("@Marco Rossi the checkout on shop.example.it fails & returns 500:", Value("subject"));
        var message = Value("message");
        Assert.StartsWith("@Marco Rossi the checkout on **shop.example.it** fails & returns 500:\n\n- since 9:00\n- only with _PayPal_\n\nLog: [incident 42](https://status.example.it/incidents/42)\nThanks!", message, StringComparison.Ordinal);
        Assert.Contains("From a message by Olo Brockhouse", message, StringComparison.Ordinal);
        Assert.Contains("https://teams.microsoft.com/l/message/19:c8a1e2f0b4d94c0e8f3e1d2c3b4a5f60@thread.tacv2/1732785055000", message, StringComparison.Ordinal);
        Assert.Equal("Action.Submit", attachment["content"]!["actions"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task SubmitAction_AnswersEmpty_OpensTicket_AndPostsTheNumberInTheMessagesThread()
    {
        var conversation = Host.ChannelThread();
        var subject = "Checkout fails with PayPal " + Guid.NewGuid().ToString("N")[..8];
        var activity = conversation.Activity("invoke-submitaction-message-channel.json");
        activity["value"]!["data"]!["subject"] = subject;
        activity["value"]!["data"]!["message"] = "The checkout fails.\n\n---\nFrom a message by Olo Brockhouse\nhttps://teams.microsoft.com/l/message/x/1732785055000";

        using var response = await Host.PostAsync(activity);
        using var again = await Host.PostAsync(activity); // Teams retrying the same invoke

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        Assert.Equal("{}", await again.Content.ReadAsStringAsync());
        var ticket = await Host.WaitForTicketAsync(subject);
        Assert.Equal("High", ticket.Priority);
        Assert.Contains("From a message by Olo Brockhouse", ticket.Message, StringComparison.Ordinal);
        Assert.Empty(ticket.Attachments);

        // The root of the thread is the message's replyToId: the action was started on a reply.
        var posted = await Host.Connector.WaitForCallAsync(c => c.Method == "POST" && c.ConversationId == ChannelThread && c.Text.Contains("#" + ticket.Tid, StringComparison.Ordinal), what: "in the thread");
        Assert.EndsWith("%3Bmessageid%3D1732785011000/activities", posted.RawTarget, StringComparison.Ordinal);
        Assert.DoesNotContain(ticket.C, posted.Text, StringComparison.Ordinal);
        Assert.Contains("error-log.txt", posted.Text, StringComparison.Ordinal); // reported as not attached
        Assert.Single(await Host.Keliweb!.GetTicketsAsync(), t => t.Subject == subject);
    }

    [Fact]
    public async Task SubmitAction_WithErrors_ShowsTheDialogAgainWithTheMessages()
    {
        var activity = Host.ChannelThread("it-IT").Activity("invoke-submitaction-message-channel.json");
        activity["value"]!["data"]!["customfield_12"] = "";
        activity["value"]!["data"]!["priority"] = "Urgent";

        using var response = await Host.PostAsync(activity);

        var task = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["task"]!;
        Assert.Equal("continue", task["type"]!.GetValue<string>());
        var errors = task["value"]!["card"]!["content"]!["body"]!.AsArray()
            .Where(e => e!["color"]?.GetValue<string>() == "Attention").Select(e => e!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(["Scegli Bassa, Media o Alta.", "Compila Dominio."], errors);
    }

    [Fact]
    public async Task ThreadRefusesThePost_TheResultGoesToThe1To1Chat_WithTheLink()
    {
        var conversation = Host.ChannelThread();
        var subject = "Bot removed from channel " + Guid.NewGuid().ToString("N")[..8];
        var activity = conversation.Activity("invoke-submitaction-message-channel.json");
        activity["value"]!["data"]!["subject"] = subject;
        Host.Connector.FailNext(403); // "The bot is not part of the conversation roster."

        using var response = await Host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = await Host.WaitForTicketAsync(subject);
        var created = await Host.Connector.WaitForCallAsync(c => c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal) && c.Text.Contains(conversation.UserId, StringComparison.Ordinal), what: "creating the 1:1 chat");
        var direct = await Host.Connector.WaitForCallAsync(c => c.ConversationId == created.ResponseId, what: "in the 1:1 chat");
        Assert.Contains("#" + ticket.Tid, direct.Text, StringComparison.Ordinal);
        Assert.Contains(ticket.C, direct.Text, StringComparison.Ordinal);
    }
}
