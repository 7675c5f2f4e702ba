using ChatBot.Linking;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets;

namespace ChatBot.Tests.Slack.Installations;

/// <summary>What was waiting for an uninstalled workspace ends as Failed, with its reason in the history, and is never retried.</summary>
public sealed class InstallationEndsSubmissionsTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task EndForInstallation_FailsOnlyThatInstallationsWaitingRows(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var outbox = new TicketOutbox(database.Database, TimeProvider.System);
        var gone = await InsertAsync(outbox, "T0GONE", "slack:V1");
        var other = await InsertAsync(outbox, "T0STAYS", "slack:V2");

        var ended = await outbox.EndForInstallationAsync(ChatPlatforms.Slack, "T0GONE", "the Slack app was uninstalled", default);

        Assert.Equal(1, ended);
        var failed = (await outbox.GetAsync(gone, default))!;
        Assert.Equal(SubmissionState.Failed, failed.State);
        Assert.False(failed.NoticeDue);
        Assert.Equal("the Slack app was uninstalled", failed.LastError);
        Assert.Contains(await SubmissionHistory.ListAsync(database.Database, gone, default), e => e.State == SubmissionState.Failed && e.Detail == "the Slack app was uninstalled");
        Assert.Equal(SubmissionState.Accepted, (await outbox.GetAsync(other, default))!.State);
        var claimed = await outbox.ClaimAsync("worker", 10, TimeSpan.FromMinutes(1), default);
        Assert.DoesNotContain(claimed, s => s.Id == gone);
        Assert.Contains(claimed, s => s.Id == other);
    }

    private static async Task<string> InsertAsync(TicketOutbox outbox, string installation, string key)
    {
        var requester = new Requester(ChatPlatforms.Slack, installation, "U1", "someone", null, "en-US") { Installation = installation };
        var draft = new TicketDraft(1, "Subject", "Message", TicketPriority.Medium, null, null, new Dictionary<int, string>(), [], requester, "{}");
        var (submission, _) = await outbox.InsertAsync(key, draft, "default", 7, null, false, default);
        return submission.Id;
    }
}
