using System.Net;
using ChatBot.Teams.Connector;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Teams.Endpoint;

public sealed class TeamsUnauthenticatedModeTests
{
    [Fact]
    public async Task DangerousFlag_DoesNotAdmitATokenlessRequestFromANonLoopbackAddress()
    {
        // The in-memory test server has no remote address: like any non-loopback caller, it must present a token.
        await using var host = await TeamsTestHost.StartAsync(withKeliweb: false, settings: new Dictionary<string, string?>
        {
            ["Teams:DangerouslyAllowUnauthenticatedRequests"] = "true",
        });
        var activity = host.ChannelThread().Activity("invoke-fetchtask-message-channel.json");

        using var tokenless = await host.PostAsync(activity, token: "");
        using var signed = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.Unauthorized, tokenless.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
    }

    [Fact]
    public async Task DangerousFlag_WithoutCredentials_AdmitsALoopbackEmulator_AndSendsItNoToken()
    {
        await using var host = await TeamsTestHost.StartAsync(withKeliweb: false, kestrel: true, settings: new Dictionary<string, string?>
        {
            ["Teams:AppId"] = "",
            ["Teams:AppPassword"] = "",
            ["Teams:DangerouslyAllowUnauthenticatedRequests"] = "true",
        });
        var conversation = host.Personal();

        using var response = await host.PostAsync(conversation.Activity("message-ticket-personal-with-file.json"), token: "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cardPost = await host.Connector.WaitForCallAsync(c => c.ConversationId == conversation.ConversationId, what: "with the form");
        Assert.Null(cardPost.Authorization); // no credentials: nothing to send, and nothing leaks
        Assert.Equal(0, host.Login.TokenRequests);
    }

    [Fact]
    public async Task WithoutTheFlag_ALoopbackCallerStillNeedsAToken()
    {
        await using var host = await TeamsTestHost.StartAsync(withKeliweb: false, kestrel: true);

        using var response = await host.PostAsync(host.Personal().Activity("message-ticket-personal-with-file.json"), token: "");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task DangerousFlag_WithCredentials_SendsALoopbackEmulatorNoToken()
    {
        // Issue 10, defect 4: any same-host process is "loopback"; in this mode the connector token never leaves.
        await using var host = await TeamsTestHost.StartAsync(withKeliweb: false, kestrel: true, settings: new Dictionary<string, string?>
        {
            ["Teams:DangerouslyAllowUnauthenticatedRequests"] = "true",
        });
        var conversation = host.Personal();

        using var response = await host.PostAsync(conversation.Activity("message-ticket-personal-with-file.json"), token: "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cardPost = await host.Connector.WaitForCallAsync(c => c.ConversationId == conversation.ConversationId, what: "with the form");
        Assert.Null(cardPost.Authorization);
        Assert.Equal(0, host.Login.TokenRequests);
    }

    [Fact]
    public async Task DangerousFlag_AnUnauthenticatedHttpsServiceUrl_NeverGetsTheToken_EvenForTheTicketsNotice()
    {
        // Issue 10, defect 4: the notice used to promote the reply target's serviceUrl to trusted and send it the token.
        await using var attacker = await RecordingServer.StartAsync(https: true);
        await using var host = await TeamsTestHost.StartAsync(kestrel: true, settings: new Dictionary<string, string?>
        {
            ["Teams:DangerouslyAllowUnauthenticatedRequests"] = "true",
        }, services: s => s.AddHttpClient(TeamsConnectorClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(attacker.TrustingHandler));
        var conversation = host.ChannelThread() with { ServiceUrl = "https://attacker.example/" };
        var subject = "Emulator notice " + Guid.NewGuid().ToString("N")[..8];
        var activity = conversation.Activity("invoke-submitaction-message-channel.json");
        activity["value"]!["data"]!["subject"] = subject;

        using var response = await host.PostAsync(activity, token: "");

        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        await host.WaitForTicketAsync(subject);
        await WaitForEndStateAsync(host, subject);
        Assert.All(attacker.Requests, r => Assert.Null(r.Authorization));
        Assert.Equal(0, host.Login.TokenRequests);
    }

    private static async Task WaitForEndStateAsync(TeamsTestHost host, string subject)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await host.SubmissionsAsync()).All(s => s.Draft.Subject != subject || s.State is ChatBot.Tickets.SubmissionState.Accepted
                   or ChatBot.Tickets.SubmissionState.Sending or ChatBot.Tickets.SubmissionState.Opened))
        {
            Assert.True(DateTime.UtcNow < deadline, $"submission '{subject}' never finished announcing");
            await Task.Delay(25);
        }
    }
}
