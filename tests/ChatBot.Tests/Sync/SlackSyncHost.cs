using System.Diagnostics;
using System.Text.Json.Nodes;
using ChatBot.Tests.Slack;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Sync;

/// <summary>
/// The real bot with the ticket sync on, as fast as its settings allow (a look every 5 seconds), and the steps of a
/// ticket's conversation: open one through the modal, find its announcement, write in its thread as Slack would tell.
/// </summary>
public static class SlackSyncHost
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static Task<SlackHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, string provider = "Sqlite")
    {
        var all = new Dictionary<string, string?>
        {
            ["Sync:ActivePollInterval"] = "00:00:05",
            ["Sync:IdlePollInterval"] = "00:00:10",
            ["Sync:MaxRequestsPerSecond"] = "50",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return SlackHost.StartAsync(settings: all, provider: provider);
    }

    /// <summary>A ticket opened by <paramref name="user"/> through /ticket and the modal, and its announcement in the channel.</summary>
    public static async Task<(StandInTicket Ticket, StandInMessage Announcement)> OpenTicketAsync(SlackHost host, string user, string message = "Every message bounces since the DNS change.")
    {
        var before = host.Slack.CallsTo("views.open").Count;
        await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(user, host.Slack.IssueTrigger())));
        var opened = (await host.WaitForCallsAsync("views.open", c => c.Count > before))[before].Json()["view"]!.AsObject();
        var known = (await host.Keliweb.GetTicketsAsync()).Count;
        var submission = SlackPayloads.Submission(user, "V0SYNC" + known, opened, new()
        {
            ["department"] = SlackPayloads.Select("1"),
            ["message"] = SlackPayloads.Text(message),
            ["customfield_12"] = SlackPayloads.Text("example.it"),
        });
        using var response = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", submission.ToJsonString()));
        response.EnsureSuccessStatusCode();
        var ticket = (await host.Keliweb.WaitForTicketsAsync(known + 1, Deadline))[known];
        var announcement = await WaitAsync(
            host,
            () => host.Slack.MessagesIn(SlackHost.Channel).FirstOrDefault(m => m.BotPosted && m.ThreadTs is null && Text(m).Contains(ticket.Tid, StringComparison.Ordinal)),
            "the ticket's announcement");
        return (ticket, announcement);
    }

    /// <summary>A signed message event (Slack's shape for a thread reply), sent to /slack/events.</summary>
    public static async Task<HttpResponseMessage> SendMessageEventAsync(SlackHost host, string eventId, JsonObject message)
    {
        var envelope = new JsonObject
        {
            ["token"] = "gIkuvaNzQIHg97ATvDxqgjtO",
            ["team_id"] = SlackHost.Team,
            ["api_app_id"] = "A0CHATBOT",
            ["event"] = message,
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = 1700000000,
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = SlackHost.Team, ["user_id"] = "U0CHATBOT", ["is_bot"] = true }),
        };
        return await host.SendAsync(host.Signer.Json("/slack/events", envelope.ToJsonString()));
    }

    /// <summary>A person's reply in the thread of <paramref name="threadTs"/>, with files (then <c>subtype: file_share</c>).</summary>
    public static JsonObject ThreadReply(string user, string ts, string threadTs, string text, params StandInFile[] files)
    {
        var message = new JsonObject
        {
            ["type"] = "message",
            ["channel"] = SlackHost.Channel,
            ["channel_type"] = "channel",
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["thread_ts"] = threadTs,
            ["parent_user_id"] = "U0CHATBOT",
            ["team"] = SlackHost.Team,
        };
        if (files.Length > 0)
        {
            message["subtype"] = "file_share";
            message["upload"] = false;
            message["files"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject
            {
                ["id"] = f.Id, ["name"] = f.Name, ["title"] = f.Name, ["mimetype"] = f.Mimetype, ["size"] = f.Bytes.Length, ["mode"] = "hosted",
            })]);
        }

        return message;
    }

    /// <summary>What the bot logged, the HTTP plumbing left out: for failure messages.</summary>
    public static string Log(SlackHost host) =>
        string.Join("\n", host.Logs.Lines.Where(l => !l.Contains("Microsoft.", StringComparison.Ordinal) && !l.Contains("System.Net.Http", StringComparison.Ordinal)).TakeLast(150));

    /// <summary>The message's text and every block's text, as one string to search.</summary>
    public static string Text(StandInMessage message) => message.Message.ToJsonString();

    public static async Task<T> WaitAsync<T>(SlackHost host, Func<T?> find, string what, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (find() is { } found)
            {
                return found;
            }

            if (deadline.Elapsed > (timeout ?? Deadline))
            {
                throw new TimeoutException($"Timed out waiting for {what}. The bot's log:\n{Log(host)}");
            }

            await Task.Delay(100);
        }
    }

    public static async Task<T> WaitAsync<T>(SlackHost host, Func<Task<T?>> find, string what, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (await find() is { } found)
            {
                return found;
            }

            if (deadline.Elapsed > (timeout ?? Deadline))
            {
                throw new TimeoutException($"Timed out waiting for {what}. The bot's log:\n{Log(host)}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the sync has read the ticket <paramref name="looks"/> more times: what it found by then is posted.</summary>
    public static async Task WaitForLooksAsync(SlackHost host, int looks)
    {
        var start = await host.Keliweb.GetCallCountAsync(KeliwebStandIn.GetTicket);
        await WaitAsync(host, async () => await host.Keliweb.GetCallCountAsync(KeliwebStandIn.GetTicket) >= start + looks ? "done" : null, $"{looks} more get-ticket calls");
    }
}
