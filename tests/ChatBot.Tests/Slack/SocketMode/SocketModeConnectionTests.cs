using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Slack.SocketMode;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Slack.SocketMode;

/// <summary>The connections' lifecycle against the stand-in: replaced when dropped, silent or announced; stopped when the token is refused; hostile frames skipped.</summary>
public sealed class SocketModeConnectionTests
{
    [Fact]
    public async Task DroppedConnection_IsReplaced()
    {
        await using var bot = await SocketModeHost.StartAsync();
        var sockets = await bot.Socket.WaitForOpenAsync(2);

        sockets[0].Drop();

        var open = await bot.Socket.WaitForOpenAsync(2, o => !o.Contains(sockets[0]));
        Assert.Contains(sockets[1], open);
        Assert.True(bot.Socket.UrlsIssued >= 3, "a fresh URL for the new connection");
        await AssertStillWorksAsync(bot, open.First(s => s != sockets[1]));
    }

    [Fact]
    public async Task RefreshRequested_OpensTheNewConnectionAtOnce_WhileTheOldOneStillAcks()
    {
        await using var bot = await SocketModeHost.StartAsync(new Dictionary<string, string?> { ["Slack:SocketConnections"] = "1" });
        var old = (await bot.Socket.WaitForOpenAsync(1)).Single();

        var watch = Stopwatch.StartNew();
        await old.DisconnectAsync("refresh_requested");
        var open = await bot.Socket.WaitForOpenAsync(2, timeout: TimeSpan.FromSeconds(10));
        watch.Stop();

        Assert.Contains(old, open);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the new connection took {watch.Elapsed}");
        // Until Slack closes it, the old connection still gets (and acks) what was already on its way.
        await AssertStillWorksAsync(bot, old);
        await old.CloseAsync();
        await bot.Socket.WaitForOpenAsync(1, o => !o.Contains(old));
    }

    [Fact]
    public async Task SilentConnection_IsReplacedByTheWatchdog()
    {
        await using var bot = await SocketModeHost.StartAsync(new Dictionary<string, string?> { ["Slack:SocketConnections"] = "1" });
        var silent = (await bot.Socket.WaitForOpenAsync(1)).Single();

        await silent.GoSilentAsync();

        var replacement = (await bot.Socket.WaitForOpenAsync(1, o => !o.Contains(silent), TimeSpan.FromSeconds(30))).Single();
        await AssertStillWorksAsync(bot, replacement);
        Assert.Contains(bot.Host.Logs.Lines, l => l.Contains("connection 1: ended, dropped or silent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvalidAuth_StopsWithOneClearLine_InsteadOfReconnecting()
    {
        await using var bot = await SocketModeHost.StartAsync(prepare: s => s.RefuseWith = "invalid_auth");
        var service = bot.Host.Factory.Services.GetRequiredService<SocketModeService>();

        var watch = Stopwatch.StartNew();
        while (service.ExecuteTask is not { IsCompleted: true } && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(25);
        }

        Assert.True(service.ExecuteTask!.IsCompletedSuccessfully, "the Socket Mode service stopped");
        Assert.Single(bot.Host.Logs.Lines, l => l.Contains("Slack Socket Mode stopped", StringComparison.Ordinal) && l.Contains("invalid_auth", StringComparison.Ordinal));
        Assert.InRange(bot.Host.Slack.CallsTo("apps.connections.open").Count, 1, 2);
        Assert.Empty(bot.Socket.Sockets);
        Assert.DoesNotContain(bot.Host.Logs.Lines, l => l.Contains(SocketModeStandIn.AppToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UrlOnAHostNotAllowed_IsNotConnected()
    {
        await using var bot = await SocketModeHost.StartAsync(new Dictionary<string, string?> { ["Slack:SocketConnections"] = "1" }, s => s.UrlHost = "localhost");

        await bot.Host.WaitForCallsAsync("apps.connections.open", c => c.Count >= 2);

        Assert.Empty(bot.Socket.Sockets);
        Assert.Contains(bot.Host.Logs.Lines, l => l.Contains("Slack:SocketHosts does not allow", StringComparison.Ordinal) && !l.Contains("ticket=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppTokenGoesOnlyToAppsConnectionsOpen_AndTheBotTokenNeverThere()
    {
        await using var bot = await SocketModeHost.StartAsync();
        var sockets = await bot.Socket.WaitForOpenAsync(2);
        await AssertStillWorksAsync(bot, sockets[0]);

        Assert.All(bot.Host.Slack.Calls, c => Assert.Equal(
            c.Method == "apps.connections.open" ? "Bearer " + SocketModeStandIn.AppToken : "Bearer " + SlackApiStandIn.Token, c.Authorization));
    }

    [Fact]
    public async Task HostileFrames_AreSkipped_AndTheConnectionKeepsWorking()
    {
        await using var bot = await SocketModeHost.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:SocketConnections"] = "1",
            ["Slack:MaxRequestBodyBytes"] = "65536",
        });
        var socket = (await bot.Socket.WaitForOpenAsync(1)).Single();

        await socket.SendTextAsync("not json at all {");
        await socket.SendTextAsync("[1,2,3]");
        await socket.SendTextAsync("{\"type\":5}");
        await socket.SendTextAsync("{\"envelope_id\":\"no-type\"}");
        await socket.SendTextAsync("{\"type\":\"slash_commands\",\"envelope_id\":\"env-str\",\"payload\":\"text\"}");
        await socket.SendTextAsync("{\"type\":\"interactive\",\"envelope_id\":\"env-bad\",\"payload\":{\"type\":\"view_submission\",\"user\":null}}");
        await socket.SendTextAsync("{\"type\":\"slash_commands\",\"envelope_id\":\"env-num\",\"payload\":{\"command\":7,\"team_id\":[]}}");
        await socket.SendTextAsync("{\"type\":\"something_new\",\"envelope_id\":\"env-new\",\"payload\":{}}");
        await socket.SendTextAsync("{\"type\":\"slash_commands\",\"envelope_id\":\"" + new string('x', 200_000) + "\"}");
        await socket.SendBinaryAsync(Encoding.UTF8.GetBytes("{\"type\":\"hello\"}"));

        // Malformed envelopes are acked all the same (a re-delivery would be as malformed), like HTTP's final 400.
        foreach (var id in new[] { "env-str", "env-bad", "env-num", "env-new" })
        {
            var ack = await socket.AckOf(id).WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Null(ack["payload"]);
        }

        await AssertStillWorksAsync(bot, socket);
        Assert.Single(bot.Socket.Sockets);
        Assert.Contains(bot.Host.Logs.Lines, l => l.Contains("a message larger than 65536 bytes was skipped", StringComparison.Ordinal));
        Assert.Contains(bot.Host.Logs.Lines, l => l.Contains("an unreadable frame", StringComparison.Ordinal));
    }

    /// <summary>A /ticket on <paramref name="socket"/> is acked and opens a modal.</summary>
    private static async Task AssertStillWorksAsync(SocketModeHost bot, StandInSocket socket)
    {
        var before = bot.Host.Slack.CallsTo("views.open").Count;
        var ack = await socket.SendEnvelopeAsync("slash_commands", SocketModeHost.Command(SlackHost.EnglishUser, bot.Host.Slack.IssueTrigger()))
            .WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotNull(ack["envelope_id"]);
        Assert.Equal(before + 1, bot.Host.Slack.CallsTo("views.open").Count);
    }
}
