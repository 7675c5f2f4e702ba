using System.Net;

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
}
