using ChatBot.Slack.Views;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets;

namespace ChatBot.Tests.Slack;

public sealed class SlackChannelTests
{
    private static readonly Requester Giulia = new("slack", "T0KELIWEB", "U0REQUEST1", "giulia", "giulia@example.it", "it-IT");
    private static readonly Uri Link = new("https://www.keliweb.it/billing/viewticket.php?tid=123456&c=SeCrEt");

    private static TicketNotice Opened() => new(TicketNoticeKind.Opened, "sub-1", "Mail", "Ticket #123456 aperto.", "Il tuo link: " + Link, "123456", Link, "it");

    private static string ThreadReply => new SlackReplyTarget("message", "C0SUPPORT", "1700000000.100000").Serialize();

    [Fact]
    public async Task OpenedAfterShortcut_RepliesInThreadAndSendsTheLinkOnlyEphemerally()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Api.BotChannels["C0SUPPORT"] = true;

        var result = await fixture.Channel.PostNoticeAsync(ThreadReply, Giulia, Opened(), CancellationToken.None);

        Assert.Equal(PostStatus.Posted, result.Status);
        var post = Assert.Single(fixture.Api.CallsTo("chat.postMessage")).Json();
        Assert.Equal("C0SUPPORT", post["channel"]!.GetValue<string>());
        Assert.Equal("1700000000.100000", post["thread_ts"]!.GetValue<string>());
        Assert.Contains("123456", post["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("SeCrEt", post.ToJsonString(), StringComparison.Ordinal);

        var ephemeral = Assert.Single(fixture.Api.CallsTo("chat.postEphemeral")).Json();
        Assert.Equal("U0REQUEST1", ephemeral["user"]!.GetValue<string>());
        Assert.Contains("SeCrEt", ephemeral["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenedAfterCommand_PostsInTheConversationWithoutThread()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Api.BotChannels["C0SUPPORT"] = true;
        var replyTo = new SlackReplyTarget("command", "C0SUPPORT", null).Serialize();

        await fixture.Channel.PostNoticeAsync(replyTo, Giulia, Opened(), CancellationToken.None);

        Assert.Null(Assert.Single(fixture.Api.CallsTo("chat.postMessage")).Json()["thread_ts"]);
    }

    [Fact]
    public async Task BotNotInChannel_FallsBackToTheUsersDirectMessage()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();

        var result = await fixture.Channel.PostNoticeAsync(ThreadReply, Giulia, Opened(), CancellationToken.None);

        Assert.Equal(PostStatus.Posted, result.Status);
        Assert.Equal("U0REQUEST1", Assert.Single(fixture.Api.CallsTo("conversations.open").Take(1)).Field("users"));
        var posts = fixture.Api.CallsTo("chat.postMessage").Select(c => c.Json()).ToList();
        Assert.Equal(["C0SUPPORT", "DU0REQUEST1", "DU0REQUEST1"], posts.Select(p => p["channel"]!.GetValue<string>()));
        // The link went only to the DM, never to the shared channel.
        Assert.DoesNotContain("SeCrEt", posts[0].ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("SeCrEt", posts[2].ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimited_AsksForALaterRetryWithSlacksDelay()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Api.BotChannels["C0SUPPORT"] = true;
        fixture.Api.RateLimit("chat.postMessage");

        var result = await fixture.Channel.PostNoticeAsync(ThreadReply, Giulia, Opened(), CancellationToken.None);

        Assert.Equal(PostStatus.Retry, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
    }

    [Fact]
    public async Task InvalidToken_GivesUp()
    {
        await using var fixture = await SlackChannelFixture.StartAsync(token: "xoxb-revoked");

        var result = await fixture.Channel.PostNoticeAsync(ThreadReply, Giulia, Opened(), CancellationToken.None);

        Assert.Equal(PostStatus.Failed, result.Status);
        Assert.Equal("invalid_auth", result.Reason);
    }

    [Fact]
    public async Task UnreachableSlack_AsksForALaterRetry()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Options.ApiBaseUrl = new Uri("http://127.0.0.1:1/api/");

        var result = await fixture.Channel.PostNoticeAsync(ThreadReply, Giulia, Opened(), CancellationToken.None);

        Assert.Equal(PostStatus.Retry, result.Status);
    }

    [Fact]
    public async Task Uncertain_OffersSubmitAgainToTheRequesterOnly()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Api.BotChannels["C0SUPPORT"] = true;
        var notice = new TicketNotice(TicketNoticeKind.Uncertain, "sub-9", "Mail", "Non so se il ticket è stato aperto.", null, null, null, "it");

        await fixture.Channel.PostNoticeAsync(ThreadReply, Giulia, notice, CancellationToken.None);

        Assert.DoesNotContain("ticket_resubmit", Assert.Single(fixture.Api.CallsTo("chat.postMessage")).Body, StringComparison.Ordinal);
        var ephemeral = Assert.Single(fixture.Api.CallsTo("chat.postEphemeral")).Json();
        var button = ephemeral["blocks"]![1]!["elements"]![0]!;
        Assert.Equal("ticket_resubmit", button["action_id"]!.GetValue<string>());
        Assert.Equal("sub-9", button["value"]!.GetValue<string>());
        Assert.Equal("Invia di nuovo", button["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task NotLinked_IsOnlyToldToTheRequester()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Api.BotChannels["C0SUPPORT"] = true;
        var notice = new TicketNotice(TicketNoticeKind.NotLinked, "sub-2", "Mail", "Il tuo account non è collegato.", null, null, null, "it");

        await fixture.Channel.PostNoticeAsync(ThreadReply, Giulia, notice, CancellationToken.None);

        Assert.Empty(fixture.Api.CallsTo("chat.postMessage"));
        Assert.Single(fixture.Api.CallsTo("chat.postEphemeral"));
    }

    [Fact]
    public async Task PrivatePartRateLimited_RetryDoesNotRepeatThePublicReply()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Api.BotChannels["C0SUPPORT"] = true;
        fixture.Api.RateLimit("chat.postEphemeral");

        var first = await fixture.Channel.PostNoticeAsync(ThreadReply, Giulia, Opened(), CancellationToken.None);
        var remembered = fixture.Cache.Count;
        var retry = await fixture.Channel.PostNoticeAsync(ThreadReply, Giulia, Opened(), CancellationToken.None);

        Assert.Equal(PostStatus.Retry, first.Status);
        Assert.Equal(PostStatus.Posted, retry.Status);
        Assert.Single(fixture.Api.CallsTo("chat.postMessage"));
        Assert.Equal(2, fixture.Api.CallsTo("chat.postEphemeral").Count);
        Assert.Equal(1, remembered);
        Assert.Equal(0, fixture.Cache.Count);
    }

    [Fact]
    public async Task NoticesThatWentThrough_LeaveNothingInMemory()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Api.BotChannels["C0SUPPORT"] = true;

        for (var i = 0; i < 50; i++)
        {
            var notice = Opened() with { SubmissionId = "sub-" + i };
            Assert.Equal(PostStatus.Posted, (await fixture.Channel.PostNoticeAsync(ThreadReply, Giulia, notice, CancellationToken.None)).Status);
        }

        // One entry per ticket kept for a day was 50 MB of live heap after 140,000 submissions under load.
        Assert.Equal(0, fixture.Cache.Count);
        Assert.Equal(50, fixture.Api.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task EveryCall_CarriesTheBearerToken()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        await fixture.Channel.PostNoticeAsync(ThreadReply, Giulia, Opened(), CancellationToken.None);
        Assert.All(fixture.Api.Calls, c => Assert.Equal("Bearer " + SlackApiStandIn.Token, c.Authorization));
    }
}
