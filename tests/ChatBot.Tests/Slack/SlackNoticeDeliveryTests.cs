using System.Net;
using ChatBot.Tests.StandIns;
using ChatBot.Tests.Tickets;
using ChatBot.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Slack;

/// <summary>
/// The result notice through the real host and the Slack stand-in, when Slack makes it hard: a far Retry-After, a
/// refused post. The submission says Announced only when the user was told.
/// </summary>
public sealed class SlackNoticeDeliveryTests
{
    [Theory]
    [InlineData("2000000000")]
    [InlineData(RetryAfterCapTests.Year2099)]
    public async Task SlackAsksToWaitDecades_TheNoticeIsPostedWithinTheLongestDelay(string retryAfter)
    {
        await using var host = await SlackHost.StartAsync(settings: new Dictionary<string, string?> { ["Tickets:RetryBaseDelay"] = "00:00:00.200", ["Tickets:RetryMaxDelay"] = "00:00:01" });
        host.Slack.RateLimit("chat.postMessage", times: 1, retryAfter: retryAfter);

        var (ticket, id) = await SubmitAsync(host, "V0LIMIT01", "Invoice 42 is wrong.");

        await host.WaitForCallsAsync("chat.postMessage", c => c.Any(p => p.Body.Contains(ticket.Tid, StringComparison.Ordinal)), TimeSpan.FromSeconds(20));
        Assert.Equal(SubmissionState.Announced, (await SlackOversizedAnswerTests.WaitForEndAsync(Outbox(host), id)).State);
    }

    [Fact]
    public async Task SubjectWithAmpersandsAndTenLongFileNames_TheNumberIsPosted_TheLinkSentPrivately_AndTheRowIsAnnounced()
    {
        // The issue's case: 3,000 characters before escaping, past 3,000 after (each & is &amp;): Slack says invalid_blocks.
        await using var host = await SlackHost.StartAsync(settings: new Dictionary<string, string?> { ["Tickets:MaxFiles"] = "10" });
        var files = new System.Text.Json.Nodes.JsonArray();
        for (var i = 1; i <= 10; i++)
        {
            var name = $"Q3 & Q4 invoice {i:00} & credit notes & reminders & statements & " + new string('x', 220) + " & final.pdf";
            var fileId = $"F0INVOICE{i:00}";
            host.Slack.Files[fileId] = new StandInFile(fileId, name, "application/pdf", [0x25, 0x50, 0x44, 0x46, (byte)i]);
            files.Add(new System.Text.Json.Nodes.JsonObject { ["id"] = fileId, ["name"] = name, ["size"] = 5 });
        }

        Assert.InRange(10 * (((string)files[0]!["name"]!).Length + 2), 2800, 3050);
        var (ticket, id) = await SubmitAsync(host, "V0INVOICE", "Both quarters are missing.", new()
        {
            ["subject"] = SlackPayloads.Text("Q3 & Q4 invoices"),
            ["files"] = new() { ["type"] = "file_input", ["files"] = files },
        });

        var posts = await host.WaitForCallsAsync("chat.postMessage", c => c.Any(p => p.Body.Contains(ticket.Tid, StringComparison.Ordinal)));
        var section = posts.First(p => p.Body.Contains(ticket.Tid, StringComparison.Ordinal)).Json()["blocks"]![0]!["text"]!["text"]!.GetValue<string>();
        Assert.True(section.Length <= 3000, $"{section.Length} characters");
        Assert.StartsWith($"Ticket #{ticket.Tid} opened: “Q3 &amp; Q4 invoices”.", section, StringComparison.Ordinal);
        Assert.DoesNotMatch("&(?!amp;|lt;|gt;)", section); // no entity cut in half
        await host.WaitForCallsAsync("chat.postEphemeral", c => c.Any(p => p.Body.Contains(ticket.C, StringComparison.Ordinal)));
        Assert.Equal(10, ticket.Attachments.Count);
        Assert.Equal(SubmissionState.Announced, (await SlackOversizedAnswerTests.WaitForEndAsync(Outbox(host), id)).State);
    }

    [Fact]
    public async Task PublicPostRefusedForItsContent_AShortOneWithoutTheUsersWordsGoesOut_AndTheLinkStillArrives()
    {
        await using var host = await SlackHost.StartAsync();
        host.Slack.Refuse("chat.postMessage", "invalid_blocks");

        var (ticket, id) = await SubmitAsync(host, "V0REFUSED", "Invoice 42 is wrong.", new() { ["subject"] = SlackPayloads.Text("Mail & DNS") }, SlackHost.ItalianUser);

        var posts = await host.WaitForCallsAsync("chat.postMessage", c => c.Count(p => p.Body.Contains(ticket.Tid, StringComparison.Ordinal)) >= 2);
        var fallback = posts.Where(p => p.Body.Contains(ticket.Tid, StringComparison.Ordinal)).ToList()[1].Json();
        Assert.Equal(SlackHost.Channel, fallback["channel"]!.GetValue<string>());
        Assert.Equal($"Ticket #{ticket.Tid} aperto.", fallback["text"]!.GetValue<string>());
        Assert.DoesNotContain("Mail", fallback.ToJsonString(), StringComparison.Ordinal);
        await host.WaitForCallsAsync("chat.postEphemeral", c => c.Any(p => p.Body.Contains(ticket.C, StringComparison.Ordinal)));
        var done = await SlackOversizedAnswerTests.WaitForEndAsync(Outbox(host), id);
        Assert.Equal(SubmissionState.Announced, done.State);
        Assert.Contains("invalid_blocks", done.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPartRefused_TheRowSaysTheUserWasNotTold()
    {
        await using var host = await SlackHost.StartAsync();
        host.Slack.Refuse("chat.postMessage", "invalid_blocks", "invalid_blocks");
        host.Slack.Refuse("chat.postEphemeral", "invalid_blocks");

        var (_, id) = await SubmitAsync(host, "V0SILENCE", "Invoice 43 is wrong.");

        var done = await SlackOversizedAnswerTests.WaitForEndAsync(Outbox(host), id);
        Assert.Equal(SubmissionState.Unannounced, done.State);
        Assert.Contains("invalid_blocks", done.LastError, StringComparison.Ordinal);
        Assert.Equal(2, host.Slack.CallsTo("chat.postMessage").Count);
        Assert.Single(host.Slack.CallsTo("chat.postEphemeral"));
        // The operator hears of it (alerts are logged whether or not a conversation receives them).
        Assert.Contains(host.Logs.Lines, l => l.Contains(id, StringComparison.Ordinal) && l.Contains("could NOT be told", StringComparison.Ordinal));
    }

    internal static TicketOutbox Outbox(SlackHost host) => host.Factory.Services.GetRequiredService<TicketOutbox>();

    /// <summary>/ticket, then the modal submitted with <paramref name="message"/>; the ticket and the submission's id.</summary>
    internal static async Task<(StandInTicket Ticket, string SubmissionId)> SubmitAsync(
        SlackHost host, string viewId, string message, Dictionary<string, System.Text.Json.Nodes.JsonObject>? state = null, string user = SlackHost.EnglishUser)
    {
        await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(user, host.Slack.IssueTrigger())));
        var opened = host.Slack.CallsTo("views.open")[^1].Json()["view"]!.AsObject();
        var values = new Dictionary<string, System.Text.Json.Nodes.JsonObject>
        {
            ["department"] = SlackPayloads.Select("2"),
            ["message"] = SlackPayloads.Text(message),
        };
        foreach (var (key, value) in state ?? [])
        {
            values[key] = value;
        }

        using var response = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", SlackPayloads.Submission(user, viewId, opened, values).ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = (await host.Keliweb.WaitForTicketsAsync(1, TimeSpan.FromSeconds(20)))[^1];
        var submission = (await Outbox(host).ListAsync(50, default)).Single(s => s.Draft.Message == message);
        return (ticket, submission.Id);
    }
}
