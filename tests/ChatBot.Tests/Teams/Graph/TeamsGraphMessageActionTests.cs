using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Teams.Graph;

/// <summary>
/// "Create ticket" on a channel message with files, Graph on: the files (references and a pasted image) are read
/// through Graph and attached byte for byte; the Graph token reaches only the Graph host; where Graph refuses (403),
/// the file is gone (404) or Graph is busy (429), the ticket opens and the report says which file, why, and where it is.
/// </summary>
public sealed class TeamsGraphMessageActionTests(TeamsGraphHostFixture fixture) : IClassFixture<TeamsGraphHostFixture>
{
    private const string Channel = "19:c8a1e2f0b4d94c0e8f3e1d2c3b4a5f60@thread.tacv2";
    private const string Root = "1732785011000";
    private const string ImageId = "aWQ9eF8wLXdldS1kOC1hYmMsdHlwZT0xLHVybD1odHRwczovL2V4YW1wbGU=";

    private TeamsTestHost Host => fixture.Host;

    private GraphStandIn Graph => fixture.Graph;

    [Fact]
    public async Task ChannelMessageAction_WithTwoFilesAndAPastedImage_MakesATicketWithAllThree_ByteExact()
    {
        var message = NewMessage();
        var log = message.AddFile("error-log.txt", Encoding.UTF8.GetBytes("PHP Fatal error: Allowed memory size exhausted\n" + Guid.NewGuid()));
        var invoice = message.AddFile("invoice.pdf", [0x25, 0x50, 0x44, 0x46, .. RandomNumberGenerator.GetBytes(4096)]);
        var image = RandomNumberGenerator.GetBytes(2048);
        message.Publish(ImageId, image);

        var (ticket, posted) = await SubmitAsync(message, "Two files and a screenshot");

        Assert.Equal(3, ticket.Attachments.Count);
        Assert.Equal(Sha(log), ticket.Attachments.Single(a => a.Name == "error-log.txt").Sha256.ToLowerInvariant());
        Assert.Equal(Sha(invoice), ticket.Attachments.Single(a => a.Name == "invoice.pdf").Sha256.ToLowerInvariant());
        Assert.Equal(Sha(image), ticket.Attachments.Single(a => a.Name == "pasted-image-1.png").Sha256.ToLowerInvariant());
        Assert.Contains("Attached: error-log.txt, invoice.pdf, pasted-image-1.png.", posted.Text, StringComparison.Ordinal);

        // The message was read once for its three files, at its reply path with escaped ids.
        var reads = Graph.Requests.Where(r => r.Path == message.Path).ToList();
        Assert.Single(reads);
        Assert.Contains("19%3Ac8a1e2f0b4d94c0e8f3e1d2c3b4a5f60%40thread.tacv2", reads[0].RawTarget, StringComparison.Ordinal);
        AssertTheGraphTokenStayedOnGraph();
    }

    [Fact]
    public async Task GroupChatMessageAction_ReadsTheChatMessage_AndAttachesItsFileAndPastedImage()
    {
        var chat = "19:meeting_" + Guid.NewGuid().ToString("N") + "@thread.v2";
        var id = Random.Shared.NextInt64(1_800_000_000_000, 1_900_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var link = $"https://teams.microsoft.com/l/message/{chat}/{id}?context=%7B%22contextType%22%3A%22chat%22%7D";
        var log = Encoding.UTF8.GetBytes("DNS does not resolve since the move\n" + Guid.NewGuid());
        var image = RandomNumberGenerator.GetBytes(1024);
        var contentUrl = "https://contoso-my.sharepoint.com/personal/olo_contoso_com/Documents/Microsoft Teams Chat Files/" + id + "-dig.txt";
        Graph.AddShare(contentUrl, Host.Connector.AddDownload(id + "-dig.txt", log));
        var html = $"<p>see dig</p><p><img src=\"https://graph.microsoft.com/v1.0/chats/{chat}/messages/{id}/hostedContents/{ImageId}/$value\"></p>";
        var path = Graph.AddChatMessage(chat, id, GraphStandIn.Message(id, html, link, ("c1", "dig.txt", contentUrl)));
        Graph.AddHostedContent(path, ImageId, image);

        var subject = "Group chat files " + Guid.NewGuid().ToString("N")[..8];
        var activity = Host.ChannelThread().Activity("invoke-submitaction-message-channel.json");
        activity["conversation"]!["conversationType"] = "groupChat";
        activity["conversation"]!["id"] = chat;
        activity["channelData"]!.AsObject().Remove("channel");
        activity["channelData"]!.AsObject().Remove("team");
        activity["value"]!["data"]!["subject"] = subject;
        var payload = activity["value"]!["messagePayload"]!;
        payload["id"] = id;
        payload["replyToId"] = null;
        payload["linkToMessage"] = link;
        payload["body"]!["content"] = html;
        payload["attachments"] = new JsonArray(new JsonObject
        {
            ["id"] = "c1", ["contentType"] = "reference", ["contentUrl"] = contentUrl, ["name"] = "dig.txt", ["content"] = null, ["thumbnailUrl"] = null,
        });

        using (var response = await Host.PostAsync(activity))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var ticket = await Host.WaitForTicketAsync(subject, TimeSpan.FromSeconds(40));
        Assert.Equal(2, ticket.Attachments.Count);
        Assert.Equal(Sha(log), ticket.Attachments.Single(a => a.Name == "dig.txt").Sha256.ToLowerInvariant());
        Assert.Equal(Sha(image), ticket.Attachments.Single(a => a.Name == "pasted-image-1.png").Sha256.ToLowerInvariant());
        await Host.Connector.WaitForCallAsync(
            c => c.Method == "POST" && c.ConversationId == chat && c.Text.Contains("#" + ticket.Tid, StringComparison.Ordinal), what: "the result in the chat");

        // The chat message was read at /chats/{chat}/messages/{id}, its id escaped; the Graph token went nowhere else.
        var read = Assert.Single(Graph.Requests, r => r.Path == path);
        Assert.Contains("/v1.0/chats/19%3Ameeting_", read.RawTarget, StringComparison.Ordinal);
        AssertTheGraphTokenStayedOnGraph();
    }

    [Fact]
    public async Task GraphForbidsTheMessage_TheTicketOpens_AndTheReportSaysWhyAndWhere()
    {
        var message = NewMessage();
        message.AddFile("error-log.txt", [1, 2, 3]);
        message.Publish();
        Graph.FailNext(message.Path, 403);

        var (ticket, posted) = await SubmitAsync(message, "Graph says 403");

        Assert.Empty(ticket.Attachments);
        Assert.Contains("Not attached: error-log.txt (Microsoft Graph refused access (403)", posted.Text, StringComparison.Ordinal);
        // The ticket says it too, for whoever answers it, with where the file still is.
        Assert.Contains("\n---\nNot attached: error-log.txt (Microsoft Graph refused access (403)", ticket.Message, StringComparison.Ordinal);
        Assert.Contains(message.Link, ticket.Message, StringComparison.Ordinal);
        // The link as Teams gave it, its "&" escaped like all text on a card.
        Assert.Contains("it is still in the message: " + message.Link.Replace("&", "\\&", StringComparison.Ordinal), posted.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneFileGone_TheOtherIsAttached_AndTheGoneOneReported()
    {
        var message = NewMessage();
        var kept = message.AddFile("kept.txt", Encoding.UTF8.GetBytes("still here"));
        message.AddFile("deleted.txt", [1], shared: false); // removed from SharePoint: Graph's share answers 404
        message.Publish();

        var (ticket, posted) = await SubmitAsync(message, "One file deleted");

        Assert.Equal(Sha(kept), Assert.Single(ticket.Attachments).Sha256.ToLowerInvariant());
        Assert.Contains("Not attached: deleted.txt (no longer in Teams (404)", posted.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphThrottles_WithRetryAfter_TheDownloadWaitsAndSucceeds()
    {
        var message = NewMessage();
        var bytes = Encoding.UTF8.GetBytes("after a 429");
        var file = message.AddFile("throttled.txt", bytes);
        message.Publish();
        Graph.FailNext("/v1.0/shares/", 429, retryAfterSeconds: 1);

        var (ticket, _) = await SubmitAsync(message, "Throttled once");

        Assert.Equal(Sha(file), Assert.Single(ticket.Attachments).Sha256.ToLowerInvariant());
        var shares = Graph.Requests.Where(r => r.Path.StartsWith("/v1.0/shares/", StringComparison.Ordinal)).ToList();
        Assert.True(shares.Count >= 2);
        Assert.Contains(Host.Logs.Lines, l => l.Contains("Microsoft Graph answered 429", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARedirectToAHostNotInFileHosts_IsNotFollowed_AndGetsNoToken()
    {
        await using var elsewhere = await RecordingServer.StartAsync();
        var message = NewMessage();
        message.AddFile("elsewhere.txt", [1, 2], redirectTo: new Uri(elsewhere.BaseUrl, "download?tempauth=x").ToString());
        message.Publish();

        var (ticket, posted) = await SubmitAsync(message, "Redirect elsewhere");

        Assert.Empty(ticket.Attachments);
        Assert.Empty(elsewhere.Requests);
        Assert.Contains("elsewhere.txt (could not be fetched through Microsoft Graph", posted.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchTask_SaysWhichFilesWillBeAttached()
    {
        var message = NewMessage();
        message.AddFile("error-log.txt", [1]);
        var activity = Host.ChannelThread().Activity("invoke-fetchtask-message-channel.json");
        message.Into(activity);

        using var response = await Host.PostAsync(activity);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["task"]!["value"]!["card"]!["content"]!["body"]!.AsArray();
        Assert.Contains(body, e => e!["text"]?.GetValue<string>().Contains("to be attached to the ticket: error-log.txt", StringComparison.Ordinal) == true);
    }

    private void AssertTheGraphTokenStayedOnGraph()
    {
        var graphTokens = Graph.Requests.Select(r => r.Authorization).ToList();
        Assert.All(graphTokens, a => Assert.StartsWith("Bearer graph-token-", a, StringComparison.Ordinal));
        Assert.DoesNotContain(Host.Connector.Calls, c => c.Authorization?.Contains("graph-token", StringComparison.Ordinal) == true);
        Assert.All(Host.Connector.FileRequests, r => Assert.DoesNotContain("graph-token", r.Authorization ?? "", StringComparison.Ordinal));
        Assert.All(Host.Connector.FileRequests.Where(r => r.Path.Contains("download.aspx", StringComparison.Ordinal)), r => Assert.Null(r.Authorization));
        // The multi-tenant bot asked the conversation's tenant for the Graph token, never botframework.com.
        Assert.Contains(Host.Login.TenantGrants, g => g.Tenant == TeamsConversation.DefaultTenantId && g.Scope == BotFrameworkLoginStandIn.GraphScope && g.Granted);
    }

    private async Task<(StandInTicket Ticket, ConnectorCall Posted)> SubmitAsync(TestMessage message, string subject)
    {
        subject += " " + Guid.NewGuid().ToString("N")[..8];
        var activity = Host.ChannelThread().Activity("invoke-submitaction-message-channel.json");
        activity["value"]!["data"]!["subject"] = subject;
        message.Into(activity);

        using (var response = await Host.PostAsync(activity))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var ticket = await Host.WaitForTicketAsync(subject, TimeSpan.FromSeconds(40));
        var posted = await Host.Connector.WaitForCallAsync(
            c => c.Method == "POST" && c.ConversationId == Channel + ";messageid=" + Root && c.Text.Contains("#" + ticket.Tid, StringComparison.Ordinal),
            what: "the result in the thread");
        return (ticket, posted);
    }

    private TestMessage NewMessage() => new(Graph, Host.Connector, Random.Shared.NextInt64(1_800_000_000_000, 1_900_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A reply in the fixtures' thread, with files on "SharePoint" (the connector stand-in's pre-authenticated downloads).</summary>
    private sealed class TestMessage(GraphStandIn graph, TeamsConnectorStandIn connector, string id)
    {
        private readonly List<(string Id, string Name, string ContentUrl)> files = [];
        private string html = "<p>The checkout fails, see the log.</p>";

        public string Id { get; } = id;

        public string Path { get; private set; } = "";

        public string Link => $"https://teams.microsoft.com/l/message/{Channel}/{Id}?tenantId={TeamsConversation.DefaultTenantId}&parentMessageId={Root}";

        public byte[] AddFile(string name, byte[] content, bool shared = true, string? redirectTo = null)
        {
            var contentUrl = "https://contoso.sharepoint.com/sites/Web/Shared Documents/General/" + Id + "/" + name;
            files.Add((Guid.NewGuid().ToString("N")[..8], name, contentUrl));
            if (shared)
            {
                graph.AddShare(contentUrl, redirectTo ?? connector.AddDownload(Id + "-" + name, content));
            }

            return content;
        }

        /// <summary>Makes the message readable through Graph, with a pasted image when <paramref name="imageId"/> is given.</summary>
        public void Publish(string? imageId = null, byte[]? image = null)
        {
            if (imageId is not null)
            {
                html += $"<p><img src=\"https://graph.microsoft.com/v1.0/teams/{GraphStandIn.TeamGroupId}/channels/{Channel}/messages/{Root}/replies/{Id}/hostedContents/{imageId}/$value\" width=\"400\" itemtype=\"http://schema.skype.com/AMSImage\"></p>";
            }

            Path = graph.AddChannelMessage(Channel, Id, Root, GraphStandIn.Message(Id, html, Link, [.. files]));
            if (imageId is not null)
            {
                graph.AddHostedContent(Path, imageId, image!);
            }
        }

        /// <summary>Puts this message into a message-action invoke as its <c>messagePayload</c>.</summary>
        public void Into(JsonObject activity)
        {
            var payload = activity["value"]!["messagePayload"]!;
            payload["id"] = Id;
            payload["linkToMessage"] = Link;
            payload["body"]!["content"] = html;
            payload["attachments"] = new JsonArray(files.Select(f => (JsonNode?)new JsonObject
            {
                ["id"] = f.Id, ["contentType"] = "reference", ["contentUrl"] = f.ContentUrl, ["name"] = f.Name, ["content"] = null, ["thumbnailUrl"] = null,
            }).ToArray());
        }
    }
}
