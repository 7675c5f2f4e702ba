using System.Net;
using System.Security.Cryptography;
using ChatBot.Tests.Slack;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Sync;

/// <summary>
/// The ticket sync with "Add to Slack": every call for a ticket (the staff reply, the status update, the thread reply's
/// download and reaction) carries the token of the installation the ticket came through; a workspace that has not
/// installed the app gets no handling of its message events, as for every Slack request.
/// </summary>
public sealed class SlackWorkspacesSyncTests
{
    [Fact]
    public async Task InstalledWorkspace_SyncCallsCarryItsToken_AndAnUninstalledOnesEventsAreRefused()
    {
        await using var host = await SlackHost.StartAsync(addToSlack: true, settings: new Dictionary<string, string?>
        {
            ["Sync:ActivePollInterval"] = "00:00:05",
            ["Sync:IdlePollInterval"] = "00:00:10",
            ["Sync:MaxRequestsPerSecond"] = "50",
        });
        using (var page = await host.InstallAsync(new StandInInstall(SlackHost.Team, "Keliweb Customer", "U0ADMIN01")))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        var token = host.Slack.Tokens.Single(t => t.Key != SlackApiStandIn.Token && t.Value == SlackHost.Team).Key;
        var (ticket, announcement) = await SlackSyncHost.OpenTicketAsync(host, SlackHost.EnglishUser);

        await host.Keliweb.AddStaffReplyAsync(ticket.Id, "Mario Rossi", "Fixed on our side.");
        await SlackSyncHost.WaitAsync(
            host,
            () => host.Slack.MessagesIn(SlackHost.Channel).FirstOrDefault(m => m.ThreadTs == announcement.Ts && m.BotPosted && SlackSyncHost.Text(m).Contains("Fixed on our side.", StringComparison.Ordinal)),
            "the staff reply in the thread");
        await host.WaitForCallsAsync("chat.update", c => c.Count > 0);

        var bytes = RandomNumberGenerator.GetBytes(5_000);
        host.Slack.Files["F0WORKSP1"] = new StandInFile("F0WORKSP1", "trace.txt", "text/plain", bytes);
        var ts = host.Slack.AddUserMessage(SlackHost.Channel, SlackHost.EnglishUser, "Trace attached.", announcement.Ts);
        using (var response = await SlackSyncHost.SendMessageEventAsync(
            host, "Ev0WORKSP1", SlackSyncHost.ThreadReply(SlackHost.EnglishUser, ts, announcement.Ts, "Trace attached.", host.Slack.Files["F0WORKSP1"])))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var added = await SlackSyncHost.WaitAsync(host, async () => await host.Keliweb.GetRepliesAsync() is [var first, ..] ? first : null, "the reply on the ticket");
        Assert.Single(added.Attachments);
        await host.WaitForCallsAsync("reactions.add", c => c.Any(r => r.Field("timestamp") == ts));

        var theirs = host.Slack.CallsWith(token);
        foreach (var method in new[] { "chat.update", "reactions.add", "files.info", "download" })
        {
            Assert.Contains(theirs, c => c.Method == method);
        }

        Assert.Contains(theirs, c => c.Method == "chat.postMessage" && c.Json()["metadata"] is not null);
        // Nothing of the sync went out with the configured token, or with none.
        Assert.DoesNotContain(host.Slack.Calls, c => c.Method is "chat.update" or "reactions.add" or "conversations.replies" && c.Authorization != "Bearer " + token);

        // A workspace that never installed the app: its message event is refused like any of its requests, nothing is stored.
        var foreign = SlackSyncHost.ThreadReply("U0FOREIGN1", "1700000999.000001", announcement.Ts, "Hello from elsewhere");
        var envelope = new System.Text.Json.Nodes.JsonObject
        {
            ["team_id"] = "T0NOTINSTALLED", ["api_app_id"] = "A0CHATBOT", ["type"] = "event_callback", ["event_id"] = "Ev0FOREIGN1", ["event"] = foreign,
        };
        using (var refused = await host.SendAsync(host.Signer.Json("/slack/events", envelope.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        await SlackSyncHost.WaitForLooksAsync(host, 1);
        Assert.Single(await host.Keliweb.GetRepliesAsync());
    }
}
