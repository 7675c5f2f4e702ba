using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Operations;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Slack.Installations;

/// <summary>
/// Two workspaces installed through "Add to Slack": each one's requests, downloads and posts carry its own token, and
/// the stand-in refuses the other's. Uninstalling one deletes its tokens: nothing is called with them afterwards.
/// </summary>
public sealed class SlackWorkspacesTests
{
    private const string SecondTeam = "T0SECOND";
    private const string SecondChannel = "C0SECONDCH";
    private const string SecondUser = "U0SECOND01";

    private static async Task<SlackHost> StartTwoWorkspacesAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            // The second workspace's link: the default account opens its tickets as Keliweb client 7 too.
            ["Links:1:Platform"] = "slack",
            ["Links:1:TeamId"] = SecondTeam,
            ["Links:1:Account"] = "default",
            ["Links:1:ClientId"] = "7",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = await SlackHost.StartAsync(addToSlack: true, settings: all);
        host.Slack.Users[SecondUser] = new StandInUser(SecondUser, SecondTeam, "marco", "Marco Neri", "marco@example.it", "it-IT");
        host.Slack.BotChannels[SecondChannel] = true;
        host.Slack.ChannelTeams[SecondChannel] = SecondTeam;
        foreach (var install in new[] { new StandInInstall(SlackHost.Team, "Keliweb Customer", "U0ADMIN01"), new StandInInstall(SecondTeam, "Second Customer", "U0ADMIN02") })
        {
            using var page = await host.InstallAsync(install);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        return host;
    }

    [Fact]
    public async Task TwoWorkspaces_EachCommandDownloadAndPost_UsesItsOwnToken()
    {
        await using var host = await StartTwoWorkspacesAsync();
        var tokens = host.Slack.Tokens.Where(t => t.Key != SlackApiStandIn.Token).ToDictionary(t => t.Value, t => t.Key);
        Assert.Equal(2, tokens.Count);
        host.Slack.Files["F0FIRST"] = new StandInFile("F0FIRST", "first.txt", "text/plain", Encoding.UTF8.GetBytes("first workspace"));
        host.Slack.Files["F0SECOND"] = new StandInFile("F0SECOND", "second.txt", "text/plain", Encoding.UTF8.GetBytes("second workspace"), TeamId: SecondTeam);

        await SubmitAsync(host, SlackHost.Team, SlackHost.Channel, SlackHost.EnglishUser, "F0FIRST", "first.txt", "V0FIRST01");
        await SubmitAsync(host, SecondTeam, SecondChannel, SecondUser, "F0SECOND", "second.txt", "V0SECOND1");

        var tickets = await host.Keliweb.WaitForTicketsAsync(2, TimeSpan.FromSeconds(30));
        Assert.Contains(tickets, t => t.Attachments is [{ Name: "first.txt" }]);
        Assert.Contains(tickets, t => t.Attachments is [{ Name: "second.txt" }]);
        foreach (var ticket in tickets)
        {
            await host.WaitForCallsAsync("chat.postMessage", c => c.Any(p => p.Body.Contains(ticket.Tid, StringComparison.Ordinal)));
        }

        // Every call of each workspace carried that workspace's token: users.info, views.open, files.info, the download, the posts.
        foreach (var (team, channel, user) in new[] { (SlackHost.Team, SlackHost.Channel, SlackHost.EnglishUser), (SecondTeam, SecondChannel, SecondUser) })
        {
            var theirs = host.Slack.CallsWith(tokens[team]);
            Assert.Contains(theirs, c => c.Method == "views.open");
            Assert.Contains(theirs, c => c.Method == "users.info" && c.Field("user") == user);
            Assert.Contains(theirs, c => c.Method == "files.info");
            Assert.Contains(theirs, c => c.Method == "download");
            Assert.Contains(theirs, c => c.Method == "chat.postMessage" && c.Field("channel") == channel);
        }

        Assert.DoesNotContain(host.Slack.Calls, c => c.Method != SlackOAuthStandIn.AccessMethod && c.Method != "cdn" && host.Slack.TeamOf(c.Authorization) is null);
    }

    [Fact]
    public async Task Uninstalled_DeletesTheTokens_NothingIsCalledWithThem_AndItsRequestsGet401()
    {
        await using var host = await StartTwoWorkspacesAsync();
        var second = host.Slack.Tokens.Single(t => t.Value == SecondTeam).Key;

        var uninstalled = new JsonObject
        {
            ["token"] = "XXYYZZ", ["team_id"] = SecondTeam, ["api_app_id"] = "A0STANDIN", ["type"] = "event_callback",
            ["event"] = new JsonObject { ["type"] = "app_uninstalled" }, ["event_id"] = "Ev0UNINST1", ["event_time"] = 1_700_000_000,
        };
        using (var response = await host.SendAsync(host.Signer.Json("/slack/events", uninstalled.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Null(await SlackInstallFlowTests.Store(host).FindTokenAsync(SecondTeam, default));
        var callsBefore = host.Slack.CallsWith(second).Count;
        using (var command = await host.SendAsync(host.Signer.Command("/slack/commands", CommandFrom(SecondTeam, SecondChannel, SecondUser, host.Slack.IssueTrigger(SecondTeam)))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, command.StatusCode);
        }

        Assert.Equal(callsBefore, host.Slack.CallsWith(second).Count);

        // The other workspace is untouched.
        using (var first = await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.EnglishUser, host.Slack.IssueTrigger()))))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var output = new StringWriter();
        var exit = await OperatorCommand.RunAsync(
            host.Factory.Services, ["slack", "installations", "list"], new OperatorConsole(new StringReader(""), output, new StringWriter(), false), default);
        Assert.Equal(OperatorExitCode.Ok, exit);
        var lines = output.ToString().Split('\n');
        Assert.Contains(lines, l => l.StartsWith(SecondTeam, StringComparison.Ordinal) && l.Contains("uninstalled", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(SlackHost.Team, StringComparison.Ordinal) && l.Contains(" installed", StringComparison.Ordinal) && l.Contains("U0ADMIN01", StringComparison.Ordinal));
        Assert.DoesNotContain("xox", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokensRevokedForTheBot_DeletesTheTokens_ButUserTokensOnlyChangeNothing()
    {
        await using var host = await StartTwoWorkspacesAsync();
        var revoked = (string kind) => new JsonObject
        {
            ["token"] = "XXYYZZ", ["team_id"] = SecondTeam, ["api_app_id"] = "A0STANDIN", ["type"] = "event_callback", ["event_id"] = "Ev0REVOKE" + kind,
            ["event"] = new JsonObject { ["type"] = "tokens_revoked", ["tokens"] = new JsonObject { [kind] = new JsonArray("U0SOMEONE") } },
        };

        using (await host.SendAsync(host.Signer.Json("/slack/events", revoked("oauth").ToJsonString())))
        {
        }

        Assert.NotNull(await SlackInstallFlowTests.Store(host).FindTokenAsync(SecondTeam, default));
        using (var response = await host.SendAsync(host.Signer.Json("/slack/events", revoked("bot").ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Null(await SlackInstallFlowTests.Store(host).FindTokenAsync(SecondTeam, default));
        Assert.NotNull(await SlackInstallFlowTests.Store(host).FindTokenAsync(SlackHost.Team, default));
    }

    [Fact]
    public async Task OperatorRemove_ForgetsTheInstallation()
    {
        await using var host = await StartTwoWorkspacesAsync();
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new OperatorConsole(new StringReader(""), output, error, false);

        Assert.Equal(OperatorExitCode.Ok, await OperatorCommand.RunAsync(host.Factory.Services, ["slack", "installations", "remove", SecondTeam], console, default));
        Assert.Equal(OperatorExitCode.Failure, await OperatorCommand.RunAsync(host.Factory.Services, ["slack", "installations", "remove", SecondTeam], console, default));

        Assert.Contains("No Slack installation", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await SlackInstallFlowTests.Store(host).ListAsync(default), i => i.Id == SecondTeam);
    }

    private static KeyValuePair<string, string>[] CommandFrom(string team, string channel, string user, string trigger) =>
        SlackPayloads.Command(user, trigger).Select(f => f.Key switch
        {
            "team_id" => new KeyValuePair<string, string>(f.Key, team),
            "channel_id" => new KeyValuePair<string, string>(f.Key, channel),
            _ => f,
        }).ToArray();

    private static async Task SubmitAsync(SlackHost host, string team, string channel, string user, string fileId, string fileName, string viewId)
    {
        var trigger = host.Slack.IssueTrigger(team);
        using (var command = await host.SendAsync(host.Signer.Command("/slack/commands", CommandFrom(team, channel, user, trigger))))
        {
            Assert.Equal(HttpStatusCode.OK, command.StatusCode);
            Assert.Equal("", await command.Content.ReadAsStringAsync());
        }

        var opened = host.Slack.CallsTo("views.open").Single(c => c.Json()["trigger_id"]!.GetValue<string>() == trigger).Json()["view"]!.AsObject();
        var submission = SlackPayloads.Submission(user, viewId, opened, new()
        {
            ["department"] = SlackPayloads.Select("1"),
            ["message"] = SlackPayloads.Text("From workspace " + team),
            ["customfield_12"] = SlackPayloads.Text("example.it"),
            ["files"] = new JsonObject
            {
                ["type"] = "file_input",
                ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["name"] = fileName, ["size"] = host.Slack.Files[fileId].Bytes.Length }),
            },
        });
        submission["team"]!["id"] = team;
        submission["user"]!["team_id"] = team;
        submission["view"]!["team_id"] = team;
        using var response = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", submission.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("update", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
