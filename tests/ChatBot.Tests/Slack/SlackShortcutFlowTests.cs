using System.Net;
using System.Security.Cryptography;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Slack;

/// <summary>End to end for the message shortcut: the prefilled modal, its files, long messages, unlinked users.</summary>
public sealed class SlackShortcutFlowTests
{
    private static readonly byte[] LogBytes = "550 5.7.1 relaying denied\n"u8.ToArray();
    private static readonly byte[] PngBytes = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0x00];

    [Fact]
    public async Task ShortcutWithTwoFiles_TicketHasBothFilesByteExactAndRepliesInTheThread()
    {
        await using var host = await SlackHost.StartAsync();
        host.Slack.Files["F0LOG00001"] = new StandInFile("F0LOG00001", "maillog.txt", "text/plain", LogBytes);
        host.Slack.Files["F0SHOT0001"] = new StandInFile("F0SHOT0001", "screenshot.png", "image/png", PngBytes);

        using var ack = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", SlackPayloads.MessageAction(host.Slack.IssueTrigger()).ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal("", await ack.Content.ReadAsStringAsync());

        var opened = host.Slack.CallsTo("views.open").Single().Json()["view"]!.AsObject();
        var blocks = opened["blocks"]!.AsArray();
        var message = blocks.Single(b => b!["block_id"]!.GetValue<string>() == "message")!["element"]!["initial_value"]!.GetValue<string>();
        Assert.StartsWith("The **mail server** rejects *every* message since @anna changed the DNS", message, StringComparison.Ordinal);
        var checkboxes = blocks.Single(b => b!["block_id"]!.GetValue<string>() == "message_files")!["element"]!;
        Assert.Equal(2, checkboxes["initial_options"]!.AsArray().Count);

        var submission = SlackPayloads.Submission(SlackHost.ItalianUser, "V0SHORT01", opened, new()
        {
            ["department"] = SlackPayloads.Select("1"),
            ["customfield_12"] = SlackPayloads.Text("example.it"),
        });
        using var submitted = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", submission.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        var ticket = Assert.Single(await host.Keliweb.WaitForTicketsAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("The mail server rejects *every* message since @anna changed the DNS: see [the log](https://status.example.com/mail)", ticket.Subject);
        Assert.Equal(
            [("maillog.txt", Sha(LogBytes)), ("screenshot.png", Sha(PngBytes))],
            ticket.Attachments.Select(a => (a.Name, a.Sha256)).Order());
        var posts = await host.WaitForCallsAsync("chat.postMessage", c => c.Any(p => p.Body.Contains(ticket.Tid, StringComparison.Ordinal)));
        var reply = posts.First(p => p.Body.Contains(ticket.Tid, StringComparison.Ordinal)).Json();
        Assert.Equal(SlackHost.Channel, reply["channel"]!.GetValue<string>());
        Assert.Equal("1700000000.100000", reply["thread_ts"]!.GetValue<string>());
        Assert.All(host.Slack.CallsTo("download"), d => Assert.Equal("Bearer " + SlackApiStandIn.Token, d.Authorization));

        // Nothing secret in the logs, at Debug: not the bot token, not the signing secret, not the ticket link's key.
        Assert.NotEmpty(host.Logs.Lines);
        Assert.All(host.Logs.Lines, line =>
        {
            Assert.DoesNotContain(SlackApiStandIn.Token, line, StringComparison.Ordinal);
            Assert.DoesNotContain(SlackHost.SigningSecret, line, StringComparison.Ordinal);
            Assert.DoesNotContain("c=" + ticket.C, line, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task ShortcutOnAVeryLongMessage_ShowsItCutWithAMarker_AndTheTicketGetsTheFullText()
    {
        await using var host = await SlackHost.StartAsync();
        var full = "Log dump\n" + string.Join("\n", Enumerable.Range(1, 400).Select(i => $"line {i:D4} mail relay refused"));
        var payload = SlackPayloads.MessageAction(host.Slack.IssueTrigger());
        var message = payload["message"]!.AsObject();
        message.Remove("blocks");
        message.Remove("files");
        message["text"] = full;

        await host.SendAsync(host.Signer.Interaction("/slack/interactivity", payload.ToJsonString()));

        var opened = host.Slack.CallsTo("views.open").Single().Json()["view"]!.AsObject();
        var shown = opened["blocks"]!.AsArray().Single(b => b!["block_id"]!.GetValue<string>() == "message")!["element"]!["initial_value"]!.GetValue<string>();
        Assert.True(full.Length > 3000 && shown.Length <= 3000);
        Assert.EndsWith("[… testo accorciato qui: il ticket riceve il testo completo]", shown, StringComparison.Ordinal);
        Assert.True(opened["private_metadata"]!.GetValue<string>().Length <= 3000);

        var submission = SlackPayloads.Submission(SlackHost.ItalianUser, "V0LONG001", opened, new()
        {
            ["department"] = SlackPayloads.Select("2"),
        });
        await host.SendAsync(host.Signer.Interaction("/slack/interactivity", submission.ToJsonString()));

        var ticket = Assert.Single(await host.Keliweb.WaitForTicketsAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("Log dump", ticket.Subject);
        Assert.Contains("line 0400 mail relay refused", ticket.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("testo accorciato", ticket.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShortcutByAnUnlinkedUser_OpensANoticeInsteadOfTheForm()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false);

        using var ack = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", SlackPayloads.MessageAction(host.Slack.IssueTrigger()).ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var view = host.Slack.CallsTo("views.open").Single().Json()["view"]!;
        Assert.Equal("Account non collegato", view["title"]!["text"]!.GetValue<string>());
        Assert.Null(view["submit"]);
        Assert.Contains("non è collegato", view["blocks"]![0]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
