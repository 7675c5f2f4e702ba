using System.Net;
using System.Text;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Slack;

/// <summary>The request URLs through the real host: verification, protocol answers, refusals.</summary>
public sealed class SlackEndpointsTests
{
    [Fact]
    public async Task BadOrStaleSignatures_Get401AndDoNothing()
    {
        await using var host = await SlackHost.StartAsync();
        var form = SlackRequestSigner.Form(SlackPayloads.Command(SlackHost.ItalianUser, host.Slack.IssueTrigger()));

        var wrongSecret = new SlackRequestSigner("not-the-secret").Sign("/slack/commands", form, "application/x-www-form-urlencoded");
        var stale = host.Signer.Sign("/slack/commands", form, "application/x-www-form-urlencoded", DateTimeOffset.UtcNow.AddMinutes(-6));
        var future = host.Signer.Sign("/slack/commands", form, "application/x-www-form-urlencoded", DateTimeOffset.UtcNow.AddMinutes(6));
        var tampered = host.Signer.Sign("/slack/commands", form, "application/x-www-form-urlencoded");
        tampered.Content = new StringContent(form + "x", Encoding.UTF8, "application/x-www-form-urlencoded");
        var unsigned = new HttpRequestMessage(HttpMethod.Post, "/slack/interactivity") { Content = new StringContent("payload=%7B%7D") };

        foreach (var request in new[] { wrongSecret, stale, future, tampered, unsigned })
        {
            using var response = await host.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Empty(host.Slack.Calls);
    }

    [Fact]
    public async Task NoSigningSecretConfigured_RefusesEveryRequest()
    {
        await using var host = await SlackHost.StartAsync(signingSecret: null);
        var request = new SlackRequestSigner("").Sign("/slack/events", Views.TicketModalTests.Fixture("url_verification.json"), "application/json");
        using var response = await host.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task UrlVerification_AnswersTheChallenge()
    {
        await using var host = await SlackHost.StartAsync();
        using var response = await host.SendAsync(host.Signer.Json("/slack/events", Views.TicketModalTests.Fixture("url_verification.json")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SslCheck_IsAnswered200WithoutWork()
    {
        await using var host = await SlackHost.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands")
        {
            Content = new StringContent("ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        using var response = await host.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Slack.Calls);
    }

    [Fact]
    public async Task OversizedBody_Gets413()
    {
        await using var host = await SlackHost.StartAsync();
        var body = "payload=" + new string('a', 1024 * 1024 + 10);
        using var response = await host.SendAsync(host.Signer.Sign("/slack/interactivity", body, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task BodyWithoutContentLength_IsReadCappedAndVerified()
    {
        await using var host = await SlackHost.StartAsync();
        var shortcut = SlackPayloads.MessageAction(host.Slack.IssueTrigger());
        shortcut["callback_id"] = "something_else";
        using var small = host.Signer.Interaction("/slack/interactivity", shortcut.ToJsonString());
        using var large = host.Signer.Sign("/slack/interactivity", "payload=" + new string('a', 1024 * 1024 + 10), "application/x-www-form-urlencoded");
        foreach (var request in new[] { small, large })
        {
            // Chunked, as a proxy may forward it: no Content-Length to size the buffer by.
            var bytes = await request.Content!.ReadAsByteArrayAsync();
            var type = request.Content.Headers.ContentType;
            request.Content = new StreamContent(new UnseekableStream(bytes));
            request.Content.Headers.ContentType = type;
        }

        using var smallResponse = await host.SendAsync(small);
        using var largeResponse = await host.SendAsync(large);

        Assert.Equal(HttpStatusCode.OK, smallResponse.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, largeResponse.StatusCode);
    }

    /// <summary>A stream of unknown length, so HttpClient sends it chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    [Theory]
    [InlineData("/slack/interactivity", "payload=%7Bnot+json")]
    [InlineData("/slack/interactivity", "nopayload=1")]
    [InlineData("/slack/interactivity", "payload=%7B%22type%22%3A%22view_submission%22%7D")]
    [InlineData("/slack/commands", "command=%2Fticket")]
    [InlineData("/slack/events", "{\"type\":")]
    public async Task MalformedBodies_Get400NeverA500(string path, string body)
    {
        await using var host = await SlackHost.StartAsync();
        using var response = await host.SendAsync(host.Signer.Sign(path, body, path.EndsWith("events", StringComparison.Ordinal) ? "application/json" : "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UnknownCommandOrCallback_IsAcknowledgedAndIgnored()
    {
        await using var host = await SlackHost.StartAsync();
        var command = SlackPayloads.Command(SlackHost.ItalianUser, host.Slack.IssueTrigger()).Select(f => f.Key == "command" ? new KeyValuePair<string, string>("command", "/weather") : f);
        using var commandResponse = await host.SendAsync(host.Signer.Command("/slack/commands", command));
        var shortcut = SlackPayloads.MessageAction(host.Slack.IssueTrigger());
        shortcut["callback_id"] = "something_else";
        using var shortcutResponse = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", shortcut.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, commandResponse.StatusCode);
        Assert.Equal("", await commandResponse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, shortcutResponse.StatusCode);
        Assert.Empty(host.Slack.Calls);
    }
}
