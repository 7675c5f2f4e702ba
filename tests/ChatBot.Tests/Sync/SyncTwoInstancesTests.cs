namespace ChatBot.Tests.Sync;

/// <summary>
/// Two bot processes on one PostgreSQL database follow the same tickets, as the deploy/ compose file runs them: each
/// staff reply reaches its thread once, whichever instance read it, and one instance killed mid-way loses nothing.
/// </summary>
public sealed class SyncTwoInstancesTests : IAsyncLifetime
{
    private const int Tickets = 3;
    private const int RepliesPerTicket = 3;
    private SyncProcessRig _rig = null!;

    public async Task InitializeAsync() => _rig = await SyncProcessRig.StartAsync(postgres: true);

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task TwoInstancesFollowingTheSameTickets_PostEachStaffReplyOnce_EvenWithOneKilled()
    {
        var a = await _rig.StartBotAsync("a");
        var b = await _rig.StartBotAsync("b");
        var opened = new List<(ChatBot.Tests.StandIns.StandInTicket Ticket, string Thread)>();
        for (var i = 0; i < Tickets; i++)
        {
            opened.Add(await _rig.OpenTicketAsync(i % 2 == 0 ? a : b));
        }

        // Both instances look (get-ticket calls come from both lease owners) while staff answer, one reply at a time.
        for (var n = 0; n < RepliesPerTicket; n++)
        {
            foreach (var (ticket, _) in opened)
            {
                await _rig.Keliweb.AddStaffReplyAsync(ticket.Id, "Mario Rossi", $"Step {n} on {ticket.Tid}.");
            }

            if (n == 1)
            {
                // Killed while replies are in flight: the other instance takes its leases over when they run out.
                await a.KillAsync();
            }
        }

        await _rig.UntilAsync(
            () => Task.FromResult(opened.All(o => _rig.StaffPostKeys(o.Thread).Count >= RepliesPerTicket)), "every reply in its thread", TimeSpan.FromMinutes(3));
        await _rig.WaitForLooksAsync(Tickets * 2);

        foreach (var (ticket, thread) in opened)
        {
            var keys = _rig.StaffPostKeys(thread);
            Assert.Equal(RepliesPerTicket, keys.Count);
            Assert.Equal(RepliesPerTicket, keys.Distinct().Count());
            foreach (var text in Enumerable.Range(0, RepliesPerTicket).Select(n => $"Step {n} on {ticket.Tid}."))
            {
                Assert.Single(_rig.Slack.MessagesIn(ChatBot.Tests.Slack.SlackHost.Channel), m => m.ThreadTs == thread && m.Message.ToJsonString().Contains(text, StringComparison.Ordinal));
            }
        }

        Assert.Equal(Tickets * RepliesPerTicket, await _rig.ScalarAsync<long>("SELECT COUNT(*) FROM ticket_reply_posts WHERE state = 'Posted'"));
    }
}
