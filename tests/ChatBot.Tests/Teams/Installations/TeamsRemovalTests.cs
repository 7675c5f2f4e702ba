using System.Net;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Teams.Installations;

/// <summary>
/// installationUpdate remove: the bot never posts there again. A ticket asked for there still opens, its result goes
/// to the requester's 1:1 chat; where that is gone too, the result ends with a log line instead of being retried.
/// </summary>
public sealed class TeamsRemovalTests : IAsyncLifetime
{
    /// <summary>The team of the channel-thread fixtures (their <c>channelData.team.id</c>).</summary>
    private const string FixtureTeam = "19:5d4c3b2a1f0e4d3c8b7a6f5e4d3c2b1a@thread.tacv2";

    private TeamsTestHost host = null!;

    public async Task InitializeAsync() => host = await TeamsTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task RemovedFromTheTeam_TheResultSkipsItsChannels_AndReachesThe1To1Chat()
    {
        var requester = host.ChannelThread();
        await RemoveAsync((host.Team() with { ConversationId = FixtureTeam }).Activity("installationupdate-remove-team.json"));
        var subject = "After the removal " + Guid.NewGuid().ToString("N")[..8];
        var submit = requester.Activity("invoke-submitaction-message-channel.json");
        submit["value"]!["data"]!["subject"] = subject;

        using (var response = await host.PostAsync(submit))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var ticket = await host.WaitForTicketAsync(subject);
        var created = await host.Connector.WaitForCallAsync(c => c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal) && c.Text.Contains(requester.UserId, StringComparison.Ordinal), what: "opening the 1:1 chat");
        var direct = await host.Connector.WaitForCallAsync(c => c.ConversationId == created.ResponseId, what: "the result in the 1:1 chat");
        Assert.Contains("#" + ticket.Tid, direct.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Connector.Calls, c => c.ConversationId?.StartsWith("19:c8a1e2f0b4d94c0e8f3e1d2c3b4a5f60@thread.tacv2", StringComparison.Ordinal) == true);
        Assert.Contains(host.Logs.Lines, l => l.Contains("not sent: the app was removed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemovedFromTheTeamAndThePersonalScope_TheResultEndsWithALogLine_NeverRetried()
    {
        var requester = host.ChannelThread();
        await RemoveAsync((host.Team() with { ConversationId = FixtureTeam }).Activity("installationupdate-remove-team.json"));
        var personal = requester with { ConversationId = "a:personal-chat-with-" + requester.UserId };
        var removePersonal = personal.Activity("conversationupdate-bot-added-personal.json");
        removePersonal["membersRemoved"] = removePersonal["membersAdded"]!.DeepClone();
        removePersonal.Remove("membersAdded");
        await RemoveAsync(removePersonal);
        var subject = "Nobody to tell " + Guid.NewGuid().ToString("N")[..8];
        var submit = requester.Activity("invoke-submitaction-message-channel.json");
        submit["value"]!["data"]!["subject"] = subject;

        using (await host.PostAsync(submit))
        {
        }

        await host.WaitForTicketAsync(subject);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        // The ticket exists in Keliweb while its row is still Sending: wait for the row's end, not for the ticket.
        while (DateTime.UtcNow < deadline && (await host.SubmissionsAsync()).Single(s => s.Draft.Subject == subject)
            is { NoticeDue: true } or { State: ChatBot.Tickets.SubmissionState.Accepted or ChatBot.Tickets.SubmissionState.Sending or ChatBot.Tickets.SubmissionState.Opened })
        {
            await Task.Delay(50);
        }

        var done = (await host.SubmissionsAsync()).Single(s => s.Draft.Subject == subject);
        Assert.False(done.NoticeDue);
        Assert.Equal(ChatBot.Tickets.SubmissionState.Unannounced, done.State);
        Assert.DoesNotContain(host.Connector.Calls, c => c.ConversationId == personal.ConversationId);
        Assert.Equal(2, host.Logs.Lines.Count(l => l.Contains("not sent: the app was removed", StringComparison.Ordinal) && l.Contains(done.Id, StringComparison.Ordinal)));
    }

    private async Task RemoveAsync(System.Text.Json.Nodes.JsonObject activity)
    {
        using var response = await host.PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
