using System.Net;
using System.Security.Cryptography;
using System.Text;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Teams.Graph;

/// <summary>
/// "@bot ticket" in a channel thread, the message carrying a file and a pasted image Teams did not give the bot: Graph
/// lists them for the form, which says so, and the card's submission attaches both to the ticket.
/// </summary>
public sealed class TeamsGraphCardFlowTests(TeamsGraphHostFixture fixture) : IClassFixture<TeamsGraphHostFixture>
{
    private const string Channel = "19:c8a1e2f0b4d94c0e8f3e1d2c3b4a5f60@thread.tacv2";
    private const string ImageId = "aWQ9eF8wLXdldS1kOC1jYXJkLHR5cGU9MQ==";

    private TeamsTestHost Host => fixture.Host;

    private GraphStandIn Graph => fixture.Graph;

    [Fact]
    public async Task TicketInAChannelThread_FilesOfTheMessage_ComeThroughGraph_IntoTheTicket()
    {
        var conversation = Host.ChannelThread();
        var root = conversation.ConversationId.Split(";messageid=")[1];
        var messageId = Random.Shared.NextInt64(1_800_000_000_000, 1_900_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var log = Encoding.UTF8.GetBytes("502 Bad Gateway since 10:05\n" + Guid.NewGuid());
        var image = RandomNumberGenerator.GetBytes(1500);
        var contentUrl = "https://contoso.sharepoint.com/sites/Web/Shared Documents/General/" + messageId + "/nginx.txt";
        Graph.AddShare(contentUrl, Host.Connector.AddDownload(messageId + "-nginx.txt", log));
        var html = $"<p><at id=\"0\">Keliweb Support</at> ticket</p><p><img src=\"https://graph.microsoft.com/v1.0/teams/{GraphStandIn.TeamGroupId}/channels/{Channel}/messages/{root}/replies/{messageId}/hostedContents/{ImageId}/$value\"></p>";
        var path = Graph.AddChannelMessage(Channel, messageId, root, GraphStandIn.Message(messageId, html, "https://teams.microsoft.com/l/message/" + Channel + "/" + messageId, ("a1", "nginx.txt", contentUrl)));
        Graph.AddHostedContent(path, ImageId, image);

        using (var asked = await Host.PostAsync(conversation.Activity("message-ticket-channel-mention.json", activityId: messageId)))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var cardPost = await Host.Connector.WaitForCallAsync(c => c.ConversationId == conversation.ConversationId && c.Card is not null, what: "the form");
        Assert.Contains("nginx.txt, pasted-image-1.png", cardPost.Text, StringComparison.Ordinal);
        var subject = "Gateway errors " + Guid.NewGuid().ToString("N")[..8];
        var submit = conversation.Activity("message-card-submit.json", replyToId: cardPost.ResponseId);
        submit["conversation"]!["conversationType"] = "channel";
        submit["channelData"]!["team"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "19:5d4c3b2a1f0e4d3c8b7a6f5e4d3c2b1a@thread.tacv2", ["aadGroupId"] = GraphStandIn.TeamGroupId };
        submit["channelData"]!["channel"] = new System.Text.Json.Nodes.JsonObject { ["id"] = Channel };
        submit["value"]!["subject"] = subject;
        submit["value"]!["files"] = cardPost.Card!["actions"]![0]!["data"]!["files"]!.GetValue<string>();
        using (await Host.PostAsync(submit))
        {
        }

        var ticket = await Host.WaitForTicketAsync(subject, TimeSpan.FromSeconds(40));
        Assert.Equal(2, ticket.Attachments.Count);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(log)), ticket.Attachments.Single(a => a.Name == "nginx.txt").Sha256.ToLowerInvariant());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(image)), ticket.Attachments.Single(a => a.Name == "pasted-image-1.png").Sha256.ToLowerInvariant());
        Assert.All(Graph.Requests, r => Assert.StartsWith("Bearer graph-token-", r.Authorization, StringComparison.Ordinal));
    }
}
