using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Tests.Slack.Installations;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Slack.SocketMode;

/// <summary>
/// Socket Mode with "Add to Slack": one app token carries the envelopes of every installed workspace, and each is
/// answered with the token of the workspace its payload names, as over HTTP. A workspace that is not installed gets an
/// empty ack (a socket has no 401), no call to Slack, and one warning line, never an error.
/// </summary>
public sealed class SocketModeInstallationsTests
{
    private const string SecondTeam = "T0SECOND";
    private const string Stranger = "T0STRANGER";

    private static async Task<SocketModeHost> StartAsync()
    {
        var bot = await SocketModeHost.StartAsync(addToSlack: true);
        bot.Host.Slack.Users["U0SECOND01"] = new StandInUser("U0SECOND01", SecondTeam, "marco", "Marco Neri", "marco@example.it", "it-IT");
        foreach (var install in new[] { new StandInInstall(SlackHost.Team, "Keliweb Customer", "U0ADMIN01"), new StandInInstall(SecondTeam, "Second Customer", "U0ADMIN02") })
        {
            using var page = await bot.Host.InstallAsync(install);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        return bot;
    }

    private static JsonObject CommandFrom(string team, string user, string trigger)
    {
        var command = SocketModeHost.Command(user, trigger);
        command["team_id"] = team;
        return command;
    }

    [Fact]
    public async Task AddToSlackOverTheSocket_StartsWithoutBotTokenOrSigningSecret_AndEachWorkspaceUsesItsOwnToken()
    {
        await using var bot = await StartAsync();
        var sockets = await bot.Socket.WaitForOpenAsync(2);
        var tokens = bot.Host.Slack.Tokens.Where(t => t.Key != SlackApiStandIn.Token).ToDictionary(t => t.Value, t => t.Key);

        var first = bot.Host.Slack.IssueTrigger();
        var second = bot.Host.Slack.IssueTrigger(SecondTeam);
        var firstAck = await sockets[0].SendEnvelopeAsync("slash_commands", CommandFrom(SlackHost.Team, SlackHost.EnglishUser, first));
        var secondAck = await sockets[1].SendEnvelopeAsync("slash_commands", CommandFrom(SecondTeam, "U0SECOND01", second));

        Assert.Null(firstAck["payload"]);
        Assert.Null(secondAck["payload"]);
        var opened = bot.Host.Slack.CallsTo("views.open");
        Assert.Equal(2, opened.Count);
        Assert.Equal("Bearer " + tokens[SlackHost.Team], opened.Single(c => c.Json()["trigger_id"]!.GetValue<string>() == first).Authorization);
        Assert.Equal("Bearer " + tokens[SecondTeam], opened.Single(c => c.Json()["trigger_id"]!.GetValue<string>() == second).Authorization);
        Assert.Contains(bot.Host.Logs.Lines, l => l.Contains("Slack (Socket Mode): enabled", StringComparison.Ordinal));
        Assert.Contains(bot.Host.Logs.Lines, l => l.Contains("Add to Slack (OAuth): 0 workspaces installed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWorkspaceNotInstalled_GetsAnEmptyAck_NoSlackCall_AndOneWarning()
    {
        await using var bot = await StartAsync();
        var sockets = await bot.Socket.WaitForOpenAsync(1);
        var callsBefore = bot.Host.Slack.Calls.Count;

        var command = await sockets[0].SendEnvelopeAsync("slash_commands", CommandFrom(Stranger, "U0STRANGE1", bot.Host.Slack.IssueTrigger(Stranger)));
        var shortcut = SlackPayloads.MessageAction(bot.Host.Slack.IssueTrigger(Stranger));
        shortcut["team"] = new JsonObject { ["id"] = Stranger, ["domain"] = "stranger" };
        shortcut["user"]!["team_id"] = Stranger;
        var interaction = await sockets[0].SendEnvelopeAsync("interactive", shortcut);

        Assert.Null(command["payload"]);
        Assert.Null(interaction["payload"]);
        Assert.Equal(callsBefore, bot.Host.Slack.Calls.Count);
        Assert.Single(bot.Host.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains($"team {Stranger}) not handled", StringComparison.Ordinal));
        Assert.Contains(bot.Host.Logs.Lines, l => l.StartsWith("Debug", StringComparison.Ordinal) && l.Contains($"team {Stranger}) not handled", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppUninstalledOverTheSocket_DeletesTheTokens_ThenTheWorkspaceGetsNothing()
    {
        await using var bot = await StartAsync();
        var sockets = await bot.Socket.WaitForOpenAsync(1);
        var second = bot.Host.Slack.Tokens.Single(t => t.Value == SecondTeam).Key;
        var uninstalled = new JsonObject
        {
            ["team_id"] = SecondTeam, ["api_app_id"] = "A0STANDIN", ["type"] = "event_callback", ["event_id"] = "Ev0SOCKUN1",
            ["event"] = new JsonObject { ["type"] = "app_uninstalled" },
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = SecondTeam, ["is_enterprise_install"] = false }),
        };

        var ack = await sockets[0].SendEnvelopeAsync("events_api", uninstalled, acceptsResponsePayload: false);

        Assert.Null(ack["payload"]);
        Assert.Null(await SlackInstallFlowTests.Store(bot.Host).FindTokenAsync(SecondTeam, default));
        var callsBefore = bot.Host.Slack.CallsWith(second).Count;
        var command = await sockets[0].SendEnvelopeAsync("slash_commands", CommandFrom(SecondTeam, "U0SECOND01", bot.Host.Slack.IssueTrigger(SecondTeam)));
        Assert.Null(command["payload"]);
        Assert.Equal(callsBefore, bot.Host.Slack.CallsWith(second).Count);
        Assert.Empty(bot.Host.Slack.CallsTo("views.open"));

        // Slack delivers it again (the ack was lost): the tokens are already gone, and that is no error either.
        var again = uninstalled.DeepClone().AsObject();
        again["event_id"] = "Ev0SOCKUN2";
        await sockets[0].SendEnvelopeAsync("events_api", again, acceptsResponsePayload: false);
        Assert.DoesNotContain(bot.Host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.NotNull(await SlackInstallFlowTests.Store(bot.Host).FindTokenAsync(SlackHost.Team, default));
    }

    /// <summary>Main's handlers (the department change's views.update, the service typeahead's users.info) over the socket, for the second workspace.</summary>
    [Fact]
    public async Task TheDepartmentChangeAndTheTypeahead_OverTheSocket_UseTheirWorkspacesToken()
    {
        await using var bot = await StartAsync();
        var sockets = await bot.Socket.WaitForOpenAsync(1);
        var second = bot.Host.Slack.Tokens.Single(t => t.Value == SecondTeam).Key;
        await sockets[0].SendEnvelopeAsync("slash_commands", CommandFrom(SecondTeam, "U0SECOND01", bot.Host.Slack.IssueTrigger(SecondTeam)));
        var opened = bot.Host.Slack.CallsTo("views.open").Single().Json()["view"]!.AsObject();
        var (_, viewId, hash, _) = Assert.Single(bot.Host.Slack.ViewAnswers);

        var suggestion = SlackPayloads.Suggestion("U0SECOND01", "");
        suggestion["team"]!["id"] = SecondTeam;
        suggestion["user"]!["team_id"] = SecondTeam;
        var options = await sockets[0].SendEnvelopeAsync("interactive", suggestion);
        var change = SlackPayloads.DepartmentChange("U0SECOND01", viewId, hash!, opened, "1", new() { ["subject"] = SlackPayloads.Text("Down") });
        change["team"] = new JsonObject { ["id"] = SecondTeam, ["domain"] = "second" };
        change["user"]!["team_id"] = SecondTeam;
        await sockets[0].SendEnvelopeAsync("interactive", change);

        Assert.NotNull(options["payload"]!["options"]);
        var update = Assert.Single(bot.Host.Slack.CallsTo("views.update"));
        Assert.Equal("Bearer " + second, update.Authorization);
        Assert.All(bot.Host.Slack.CallsTo("users.info").Where(c => c.Field("user") == "U0SECOND01"), c => Assert.Equal("Bearer " + second, c.Authorization));
        Assert.DoesNotContain(bot.Host.Slack.ViewAnswers, a => a.Error is not null);
    }
}
