using System.Net;

namespace ChatBot.Tests.Teams.Endpoint;

public sealed class TeamsDisabledTests
{
    [Fact]
    public async Task NoAppId_EndpointFailsClosed_EvenWithAValidlySignedToken()
    {
        await using var host = await TeamsTestHost.StartAsync(withKeliweb: false, settings: new Dictionary<string, string?>
        {
            ["Teams:AppId"] = "",
            ["Teams:AppPassword"] = "",
        });
        var activity = host.ChannelThread().Activity("invoke-fetchtask-message-channel.json");

        using var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Connector.Calls);
    }

    [Fact]
    public async Task AppIdWithoutPassword_StopsTheStart_NamingTheMissingKey()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TeamsTestHost.StartAsync(withKeliweb: false, settings: new Dictionary<string, string?>
        {
            ["Teams:AppPassword"] = "",
        }));

        Assert.Contains("Teams:AppPassword", error.ToString(), StringComparison.Ordinal);
    }
}
