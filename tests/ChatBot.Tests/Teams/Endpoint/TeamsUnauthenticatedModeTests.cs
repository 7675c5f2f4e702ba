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
}
