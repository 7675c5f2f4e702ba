using System.Diagnostics;
using System.Net;
using ChatBot.Slack.Views;
using ChatBot.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Slack;

/// <summary>A Slack Web API answer of 150 MB is refused at the cap instead of being buffered, and the post is retried.</summary>
public sealed class SlackOversizedAnswerTests
{
    private const long HugeAnswer = 150L * 1024 * 1024;

    private static readonly Requester Giulia = new("slack", SlackHost.Team, SlackHost.ItalianUser, "giulia", "giulia@example.it", "it-IT");

    [Fact]
    public async Task PostWhoseAnswerIs150Mb_IsRetriedLater_AndTheBotHangsUpEarly()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Api.BotChannels[SlackHost.Channel] = true;
        // 100 ms per MB: 15 s for the stand-in to send it all.
        fixture.Api.Flood("chat.postMessage", HugeAnswer, chunkDelayMs: 100);
        var notice = new TicketNotice(TicketNoticeKind.Queued, "sub-flood", "Mail", "In coda.", null, null, null, "it");

        var watch = Stopwatch.StartNew();
        var result = await fixture.Channel.PostNoticeAsync(new SlackReplyTarget("command", SlackHost.Channel).Serialize(), Giulia, notice, CancellationToken.None);
        watch.Stop();

        Assert.Equal(PostStatus.Retry, result.Status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"the post took {watch.Elapsed}");
        var flood = await StandIns.FloodAnswer.WaitForAsync(() => fixture.Api.LastFlood);
        Assert.True(flood.ClientHungUp, "the bot read the whole answer");
        Assert.True(flood.BytesWritten < 40L * 1024 * 1024, $"{flood.BytesWritten} bytes went out before the bot hung up");
    }

    [Fact]
    public async Task ThroughTheHost_AFloodedNoticeIsPostedAgain_AndTheSubmissionEndsAnnounced()
    {
        await using var host = await SlackHost.StartAsync();
        await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.EnglishUser, host.Slack.IssueTrigger())));
        var opened = host.Slack.CallsTo("views.open").Single().Json()["view"]!.AsObject();
        host.Slack.Flood("chat.postMessage", HugeAnswer, chunkDelayMs: 100);
        var submission = SlackPayloads.Submission(SlackHost.EnglishUser, "V0FLOOD01", opened, new()
        {
            ["department"] = SlackPayloads.Select("2"),
            ["message"] = SlackPayloads.Text("Invoice 42 is wrong."),
        });

        using var response = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", submission.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = Assert.Single(await host.Keliweb.WaitForTicketsAsync(1, TimeSpan.FromSeconds(20)));
        await host.WaitForCallsAsync("chat.postEphemeral", c => c.Any(p => p.Body.Contains(ticket.C, StringComparison.Ordinal)));
        var flood = await StandIns.FloodAnswer.WaitForAsync(() => host.Slack.LastFlood);
        Assert.True(flood.ClientHungUp && flood.BytesWritten < 40L * 1024 * 1024, $"{flood.BytesWritten} bytes went out (hung up: {flood.ClientHungUp})");
        var outbox = host.Factory.Services.GetRequiredService<TicketOutbox>();
        var row = Assert.Single(await outbox.ListAsync(10, default));
        Assert.Equal(SubmissionState.Announced, (await WaitForEndAsync(outbox, row.Id)).State);
    }

    internal static async Task<Submission> WaitForEndAsync(TicketOutbox outbox, string id)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var s = await outbox.GetAsync(id, default);
            if (s is { NoticeDue: false, State: not (SubmissionState.Accepted or SubmissionState.Sending or SubmissionState.Opened) })
            {
                return s;
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Submission {id} is {s?.State} (notice due {s?.NoticeDue}, last error {s?.LastError}).");
            }

            await Task.Delay(50);
        }
    }
}
