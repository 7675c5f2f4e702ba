using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Teams.Graph;

/// <summary>Graph's calls are counted like every upstream's, under bounded method names that carry no id.</summary>
public sealed class TeamsGraphMetricsTests : IAsyncLifetime
{
    private const string Channel = "19:c8a1e2f0b4d94c0e8f3e1d2c3b4a5f60@thread.tacv2";
    private const string Root = "1732785011000";

    private GraphStandIn graph = null!;
    private TeamsTestHost host = null!;

    public async Task InitializeAsync()
    {
        graph = await GraphStandIn.StartAsync();
        host = await TeamsGraphHostFixture.StartHostAsync(graph, graphEnabled: true, settings: new Dictionary<string, string?> { ["Metrics:PrometheusPath"] = "/metrics" });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await graph.DisposeAsync();
    }

    [Fact]
    public async Task AMessageActionsGraphCalls_AreMeasured_WithoutIds()
    {
        const string messageId = "1888000000001";
        var contentUrl = "https://contoso.sharepoint.com/sites/Web/Shared Documents/General/metrics.txt";
        graph.AddShare(contentUrl, host.Connector.AddDownload("metrics.txt", Encoding.UTF8.GetBytes("counted")));
        graph.AddChannelMessage(Channel, messageId, Root, GraphStandIn.Message(messageId, "<p>x</p>", "https://teams.microsoft.com/l/message/x", ("m1", "metrics.txt", contentUrl)));
        var subject = "Measured " + Guid.NewGuid().ToString("N")[..8];
        var activity = host.ChannelThread().Activity("invoke-submitaction-message-channel.json");
        activity["value"]!["data"]!["subject"] = subject;
        activity["value"]!["messagePayload"]!["id"] = messageId;
        activity["value"]!["messagePayload"]!["attachments"] = new JsonArray(new JsonObject { ["id"] = "m1", ["contentType"] = "reference", ["contentUrl"] = contentUrl, ["name"] = "metrics.txt" });

        using (await host.PostAsync(activity))
        {
        }

        Assert.Single((await host.WaitForTicketAsync(subject)).Attachments);
        var metrics = await host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var lines = metrics.Split('\n').Where(l => l.StartsWith("chatbot_upstream_request_duration_seconds_count", StringComparison.Ordinal)).ToList();
        foreach (var method in new[] { "token", "channel.reply", "shares.content", "download" })
        {
            Assert.Contains(lines, l => l.Contains("chatbot_upstream=\"graph\"", StringComparison.Ordinal) && l.Contains($"chatbot_upstream_method=\"{method}\"", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(messageId, metrics, StringComparison.Ordinal);
    }
}
