using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ChatBot.Tests.Slack;
using ChatBot.Tests.Slack.SocketMode;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Sync;

/// <summary>
/// The ticket sync with Slack over Socket Mode: a thread reply's message event arrives in an <c>events_api</c> envelope,
/// goes through the same dispatcher and handler as over HTTP, and reaches the ticket; the staff reply comes back.
/// </summary>
public sealed class SlackSocketModeSyncTests
{
    [Fact]
    public async Task ThreadReplyWithAFile_OverTheSocket_ReachesTheTicket_AndTheStaffReplyComesBack()
    {
        await using var bot = await SocketModeHost.StartAsync(new Dictionary<string, string?>
        {
            ["Sync:ActivePollInterval"] = "00:00:05",
            ["Sync:IdlePollInterval"] = "00:00:10",
            ["Sync:MaxRequestsPerSecond"] = "50",
        });
        var host = bot.Host;
        var sockets = await bot.Socket.WaitForOpenAsync(2);
        await sockets[0].SendEnvelopeAsync("slash_commands", SocketModeHost.Command(SlackHost.EnglishUser, host.Slack.IssueTrigger()));
        var opened = host.Slack.CallsTo("views.open").Single().Json()["view"]!.AsObject();
        await sockets[1].SendEnvelopeAsync("interactive", SlackPayloads.Submission(SlackHost.EnglishUser, "V0SOCKSYNC", opened, new()
        {
            ["department"] = SlackPayloads.Select("1"),
            ["message"] = SlackPayloads.Text("Every message bounces since the DNS change."),
            ["customfield_12"] = SlackPayloads.Text("example.it"),
        }));
        var ticket = Assert.Single(await host.Keliweb.WaitForTicketsAsync(1, SlackSyncHost.Deadline));
        var announcement = await SlackSyncHost.WaitAsync(
            host,
            () => host.Slack.MessagesIn(SlackHost.Channel).FirstOrDefault(m => m.BotPosted && m.ThreadTs is null && SlackSyncHost.Text(m).Contains(ticket.Tid, StringComparison.Ordinal)),
            "the ticket's announcement");
        await SlackSyncHost.WaitForLooksAsync(host, 1);

        var bytes = RandomNumberGenerator.GetBytes(40_000);
        var file = new StandInFile("F0SOCKET01", "bounce.txt", "text/plain", bytes);
        host.Slack.Files[file.Id] = file;
        var ts = host.Slack.AddUserMessage(SlackHost.Channel, SlackHost.EnglishUser, "The bounce, attached.", announcement.Ts);
        var callback = new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = SlackHost.Team,
            ["api_app_id"] = "A0CHATBOT",
            ["event_id"] = "Ev0SOCKSYNC1",
            ["event_time"] = 1700000000,
            ["event"] = SlackSyncHost.ThreadReply(SlackHost.EnglishUser, ts, announcement.Ts, "The bounce, attached.", file),
        };

        var ack = await sockets[0].SendEnvelopeAsync("events_api", callback, acceptsResponsePayload: false);
        // Slack re-sends an envelope it did not see acknowledged, on any connection: one reply still.
        await sockets[1].SendEnvelopeAsync("events_api", callback, retryAttempt: 1, acceptsResponsePayload: false);

        Assert.Null(ack["payload"]);
        var added = await SlackSyncHost.WaitAsync(host, async () => await host.Keliweb.GetRepliesAsync() is [var first, ..] ? first : null, "the reply on the ticket");
        Assert.Equal(ticket.Id, added.TicketId);
        Assert.Contains("The bounce, attached.", added.Message, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), Assert.Single(added.Attachments).Sha256.ToLowerInvariant());
        await host.WaitForCallsAsync("reactions.add", c => c.Any(r => r.Field("timestamp") == ts));

        await host.Keliweb.AddStaffReplyAsync(ticket.Id, "Mario Rossi", "Got it, checking the headers.");
        await SlackSyncHost.WaitAsync(
            host,
            () => host.Slack.MessagesIn(SlackHost.Channel).FirstOrDefault(m => m.ThreadTs == announcement.Ts && m.BotPosted && SlackSyncHost.Text(m).Contains("checking the headers", StringComparison.Ordinal)),
            "the staff reply in the thread");
        await SlackSyncHost.WaitForLooksAsync(host, 1);
        Assert.Single(await host.Keliweb.GetRepliesAsync());
    }
}
