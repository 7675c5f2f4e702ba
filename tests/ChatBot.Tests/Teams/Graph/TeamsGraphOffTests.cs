using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Teams.Graph;

/// <summary>
/// Graph off (the default): a message action's files are listed as not attachable in the dialog and in the result,
/// with why and the link to the message; Graph is never called; the ticket opens all the same.
/// </summary>
public sealed class TeamsGraphOffTests : IAsyncLifetime
{
    private GraphStandIn graph = null!;
    private TeamsTestHost host = null!;

    public async Task InitializeAsync()
    {
        graph = await GraphStandIn.StartAsync();
        host = await TeamsGraphHostFixture.StartHostAsync(graph, graphEnabled: false);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await graph.DisposeAsync();
    }

    [Fact]
    public async Task GraphOff_TheDialogAndTheResult_SayWhichFileAndWhy_InTheUsersLanguage()
    {
        var conversation = host.ChannelThread("it-IT");
        using (var fetched = await host.PostAsync(conversation.Activity("invoke-fetchtask-message-channel.json")))
        {
            var body = JsonNode.Parse(await fetched.Content.ReadAsStringAsync())!["task"]!["value"]!["card"]!["content"]!["body"]!.AsArray();
            Assert.Contains(body, e => e!["text"]?.GetValue<string>().StartsWith("error-log.txt: Microsoft Graph è disattivato", StringComparison.Ordinal) == true);
        }

        var subject = "Senza Graph " + Guid.NewGuid().ToString("N")[..8];
        var submit = conversation.Activity("invoke-submitaction-message-channel.json");
        submit["value"]!["data"]!["subject"] = subject;
        using (var response = await host.PostAsync(submit))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var ticket = await host.WaitForTicketAsync(subject);
        Assert.Empty(ticket.Attachments);
        Assert.Contains("Non allegati: error-log.txt (Microsoft Graph è disattivato per questo bot", ticket.Message, StringComparison.Ordinal);
        var posted = await host.Connector.WaitForCallAsync(c => c.Text.Contains("#" + ticket.Tid, StringComparison.Ordinal), what: "the result");
        Assert.Contains("Non allegati: error-log.txt (Microsoft Graph è disattivato per questo bot", posted.Text, StringComparison.Ordinal);
        Assert.Contains("è ancora nel messaggio: https://teams.microsoft.com/l/message/19:c8a1e2f0b4d94c0e8f3e1d2c3b4a5f60@thread.tacv2/1732785055000", posted.Text, StringComparison.Ordinal);
        Assert.Empty(graph.Requests);
        Assert.DoesNotContain(host.Login.TenantGrants, g => g.Scope == BotFrameworkLoginStandIn.GraphScope);
    }
}
