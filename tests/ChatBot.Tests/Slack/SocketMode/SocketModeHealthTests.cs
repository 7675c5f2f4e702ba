using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Slack.SocketMode;

/// <summary><c>/healthz/details</c> says how Socket Mode stands: behind a firewall there is no request log to show it.</summary>
public sealed class SocketModeHealthTests
{
    private const string Token = "details-token-socket-7c2a";

    [Fact]
    public async Task Details_CountTheOpenConnections_AndADroppedOneMakesItDegradedUntilReplaced()
    {
        await using var bot = await SocketModeHost.StartAsync(new Dictionary<string, string?> { ["Health:DetailsToken"] = Token, ["Slack:SocketConnections"] = "1" });
        var socket = (await bot.Socket.WaitForOpenAsync(1)).Single();

        var healthy = await WaitForAsync(bot, d => d["connections"]![0]!["open"]!.GetValue<int>() == 1);
        Assert.Equal("Slack Socket Mode", healthy["connections"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(1, healthy["connections"]![0]!["wanted"]!.GetValue<int>());
        Assert.DoesNotContain(healthy["problems"]!.AsArray(), p => p!.GetValue<string>().Contains("Socket Mode", StringComparison.Ordinal));

        // The stand-in holds the next URL back, so the moment without a connection lasts long enough to be seen.
        bot.Socket.RefuseWith = "internal_error";
        socket.Drop();
        var degraded = await WaitForAsync(bot, d => d["connections"]![0]!["open"]!.GetValue<int>() == 0);
        Assert.Equal("degraded", degraded["status"]!.GetValue<string>());
        Assert.Contains(degraded["problems"]!.AsArray(), p => p!.GetValue<string>() == "Slack Socket Mode: 0 of 1 connections open");

        bot.Socket.RefuseWith = null;
        await bot.Socket.WaitForOpenAsync(1, o => !o.Contains(socket), TimeSpan.FromSeconds(30));
        await WaitForAsync(bot, d => d["connections"]![0]!["open"]!.GetValue<int>() == 1);
    }

    [Fact]
    public async Task Details_SayARefusedAppTokenStoppedIt_WithoutTheToken()
    {
        await using var bot = await SocketModeHost.StartAsync(new Dictionary<string, string?> { ["Health:DetailsToken"] = Token }, s => s.RefuseWith = "invalid_auth");

        var details = await WaitForAsync(bot, d => d["connections"]![0]!["stopped"] is not null);

        Assert.Equal("degraded", details["status"]!.GetValue<string>());
        Assert.Contains("invalid_auth", details["connections"]![0]!["stopped"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(details["problems"]!.AsArray(), p => p!.GetValue<string>().StartsWith("Slack Socket Mode stopped", StringComparison.Ordinal));
        Assert.DoesNotContain(SocketModeStandIn.AppToken, details.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_WithoutSocketMode_ListNoConnections()
    {
        await using var host = await SlackHost.StartAsync(settings: new Dictionary<string, string?> { ["Health:DetailsToken"] = Token });

        var details = await ReadAsync(host);

        Assert.Empty(details["connections"]!.AsArray());
    }

    private static async Task<JsonNode> WaitForAsync(SocketModeHost bot, Func<JsonNode, bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var details = await ReadAsync(bot.Host);
            if (details["connections"]!.AsArray().Count == 1 && condition(details))
            {
                return details;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "health details never showed it: " + details.ToJsonString());
            await Task.Delay(50);
        }
    }

    private static async Task<JsonNode> ReadAsync(SlackHost host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz/details");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
