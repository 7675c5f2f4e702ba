namespace ChatBot.Tests.Sync;

/// <summary>
/// The bot as a real process, SIGKILLed in the middle of bringing a staff reply into the thread and started again on
/// the same store: the reply is in the thread exactly once, and what came after it still arrives.
/// </summary>
public sealed class SyncCrashTests : IAsyncLifetime
{
    private SyncProcessRig _rig = null!;

    public async Task InitializeAsync() => _rig = await SyncProcessRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task KilledAfterThePost_BeforeTheMark_StartsAgain_FindsThePostByItsKey_PostsNothingTwice()
    {
        var bot = await _rig.StartBotAsync();
        var (ticket, thread) = await _rig.OpenTicketAsync(bot);
        // Slack takes the staff reply and the bot never hears back: it dies waiting, its mark still Posting.
        _rig.Slack.HoldAnswers("chat.postMessage");
        var replyId = await _rig.Keliweb.AddStaffReplyAsync(ticket.Id, "Mario Rossi", "Restarted the mail queue.");
        await _rig.UntilAsync(() => Task.FromResult(_rig.StaffPostKeys(thread).Count == 1), "the reply in the thread");
        await _rig.UntilAsync(
            async () => await _rig.ScalarAsync<string?>("SELECT state FROM ticket_reply_posts WHERE reply_id = @replyId", new { replyId }) == "Posting",
            "the reply marked Posting");
        await bot.KillAsync();
        _rig.Slack.ReleaseAnswers();

        await _rig.StartBotAsync();

        await _rig.UntilAsync(
            async () => await _rig.ScalarAsync<string?>("SELECT state FROM ticket_reply_posts WHERE reply_id = @replyId", new { replyId }) == "Posted",
            "the reply marked Posted after the restart");
        Assert.Contains(_rig.Slack.CallsTo("conversations.replies"), c => c.Field("ts") == thread && c.Field("include_all_metadata") == "true");
        var second = await _rig.Keliweb.AddStaffReplyAsync(ticket.Id, "Mario Rossi", "Queue is empty now.");
        await _rig.UntilAsync(() => Task.FromResult(_rig.StaffPostKeys(thread).Count == 2), "the next reply in the thread");
        await _rig.WaitForLooksAsync(2);

        var keys = _rig.StaffPostKeys(thread);
        Assert.Equal(2, keys.Distinct().Count());
        Assert.Equal(2, keys.Count);
        Assert.Equal(2, _rig.StaffPostCalls());
        Assert.EndsWith(":" + replyId, keys[0], StringComparison.Ordinal);
        Assert.EndsWith(":" + second, keys[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task KilledAfterTheMark_BeforeTheLookWasSaved_StartsAgain_PostsNothingTwice_AndShowsTheStatus()
    {
        var bot = await _rig.StartBotAsync();
        var (ticket, thread) = await _rig.OpenTicketAsync(bot);
        // The reply is posted and marked; the status update that follows hangs, so the look (last reply seen, status
        // shown) is never saved before the bot dies.
        _rig.Slack.HoldAnswers("chat.update");
        var replyId = await _rig.Keliweb.AddStaffReplyAsync(ticket.Id, "Mario Rossi", "We fixed the MX record.");
        await _rig.UntilAsync(
            async () => await _rig.ScalarAsync<string?>("SELECT state FROM ticket_reply_posts WHERE reply_id = @replyId", new { replyId }) == "Posted",
            "the reply marked Posted");
        await _rig.UntilAsync(() => Task.FromResult(_rig.Slack.CallsTo("chat.update").Count > 0), "the status update under way");
        Assert.NotEqual(replyId, await _rig.ScalarAsync<long?>("SELECT last_reply_id FROM ticket_sync WHERE tid = @tid", new { tid = ticket.Tid }));
        await bot.KillAsync();
        _rig.Slack.ReleaseAnswers();

        await _rig.StartBotAsync();

        await _rig.UntilAsync(
            async () => await _rig.ScalarAsync<long?>("SELECT last_reply_id FROM ticket_sync WHERE tid = @tid", new { tid = ticket.Tid }) == replyId,
            "the look saved after the restart");
        await _rig.UntilAsync(
            () => Task.FromResult(_rig.Slack.MessagesIn(ChatBot.Tests.Slack.SlackHost.Channel).Single(m => m.Ts == thread).Message.ToJsonString()
                .Contains("Status: Answered", StringComparison.Ordinal)),
            "the announcement showing Answered");
        await _rig.WaitForLooksAsync(2);
        Assert.Single(_rig.StaffPostKeys(thread));
        Assert.Equal(1, _rig.StaffPostCalls());
    }
}
