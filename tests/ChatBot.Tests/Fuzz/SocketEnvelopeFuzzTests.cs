using System.Text.Json.Nodes;
using ChatBot.Tests.Slack;
using ChatBot.Tests.Slack.SocketMode;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// Socket Mode envelopes (slash_commands, interactive, events_api), fuzzed from the corpus as whole frames over a real
/// WebSocket to the real bot: the unmutated frame is acked; after every case a connection is open and acks a probe
/// (a text frame that is not UTF-8 ends the connection, as the WebSocket protocol says, and it is replaced; any other
/// frame must leave it open); no Error logged; every submission that was accepted ends with the user told.
/// </summary>
public sealed class SocketEnvelopeFuzzTests(ITestOutputHelper output)
{
    public const string Envelopes = "socket-envelopes";

    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(15);

    private int unique;

    /// <param name="addToSlack">The same envelopes for an installed workspace in "Add to Slack" mode: a mutated team is one not installed.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MutatedEnvelopes_NeverLeaveTheBotWithoutAConnection_AndEveryAcceptedSubmissionEndsTold(bool addToSlack)
    {
        await using var bot = await SocketModeHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tickets:RetryBaseDelay"] = "00:00:00.200",
            ["Slack:SocketConnections"] = "1",
        }, addToSlack: addToSlack);
        var host = bot.Host;
        if (addToSlack)
        {
            using var installed = await host.InstallAsync(new StandInInstall(SlackHost.Team, "Keliweb Customer", "U0ADMIN01"));
            FuzzCheck.That(installed.IsSuccessStatusCode, "the workspace did not install");
        }

        var run = new FuzzRun(Envelopes, output, host.Logs);
        var ledger = new SubmissionLedger(host.Factory.Services.GetRequiredService<TicketOutbox>(), host.Factory.Services.GetRequiredService<ChatBot.Storage.Database>());
        foreach (var fuzzCase in run.Cases())
        {
            await run.RunAsync(fuzzCase, () => SendAsync(bot, ledger, fuzzCase));
        }

        await run.TimeAsync(() => ledger.DrainAsync(
            run,
            row => host.Slack.Calls.Any(c => c.Method is "chat.postMessage" or "chat.postEphemeral" && c.Body.Contains(row.Ticket!.Tid, StringComparison.Ordinal)),
            () => host.Slack.Calls.Count(c => c.Method is "chat.postMessage" or "chat.postEphemeral"),
            TimeSpan.FromSeconds(90)));
        run.Finish($"{ledger.Stored} submissions stored, {bot.Socket.UrlsIssued} connections opened");
    }

    private async Task SendAsync(SocketModeHost bot, SubmissionLedger ledger, FuzzCase fuzzCase)
    {
        var n = Interlocked.Increment(ref unique).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var values = new Dictionary<string, string>
        {
            ["envelopeId"] = "fz-" + n,
            ["triggerId"] = bot.Host.Slack.IssueTrigger(),
            ["viewId"] = "V0SOCKFZ" + n,
            ["uniqueId"] = Guid.NewGuid().ToString("N"),
        };
        var socket = (await bot.Socket.WaitForOpenAsync(1))[0];
        var frame = fuzzCase.Bytes(fuzzCase.MutateJson(JsonNode.Parse(fuzzCase.File.Text(values))));
        var ack = socket.AckOf(values["envelopeId"]);

        await socket.SendTextBytesAsync(frame);

        if (!fuzzCase.Mutated)
        {
            FuzzCheck.That(await Task.WhenAny(ack, Task.Delay(AckTimeout)) == ack, "the unmutated envelope was never acked");
        }

        // A probe on whatever connection is open: the bot still reads, dispatches and acks.
        // A text frame that is not UTF-8 breaks the WebSocket protocol: the bot's ClientWebSocket fails the connection,
        // and the bot must open another. Anything else must leave the connection as it was.
        IReadOnlyList<StandInSocket> open;
        if (System.Text.Unicode.Utf8.IsValid(frame))
        {
            open = await bot.Socket.WaitForOpenAsync(1, timeout: TimeSpan.FromSeconds(30));
            FuzzCheck.That(open.Contains(socket), "a frame of well-formed UTF-8 ended the connection");
        }
        else
        {
            open = await bot.Socket.WaitForOpenAsync(1, o => !o.Contains(socket), TimeSpan.FromSeconds(30));
        }

        var probe = open[0].SendEnvelopeAsync("events_api", Probe(n));
        FuzzCheck.That(await Task.WhenAny(probe, Task.Delay(AckTimeout)) == probe, "the probe after the case was never acked");
        await ledger.TakeNewAsync(fuzzCase);
    }

    /// <summary>An event of a type nobody handles: acknowledged at once, nothing else.</summary>
    private static JsonObject Probe(string n) => new()
    {
        ["token"] = "probe",
        ["team_id"] = SlackHost.Team,
        ["api_app_id"] = "A0CHATBOT",
        ["event"] = new JsonObject { ["type"] = "fuzz_probe", ["event_ts"] = "1700000000.000001" },
        ["type"] = "event_callback",
        ["event_id"] = "Ev0PROBE" + n,
        ["event_time"] = 1700000000,
    };
}
