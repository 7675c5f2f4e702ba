using ChatBot.Tickets;
using ChatBot.Tests.StandIns;
using Dapper;
using NSubstitute;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Tickets;

/// <summary>Retention on both providers: content goes after the retention period, ids, state, ticket number and history stay.</summary>
public sealed class SubmissionPurgeTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task EndedLongerThanTheRetention_LosesItsContent_KeepsIdsStateAndTicketNumber(string provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var store = await TestDatabase.CreateAsync(provider, time);
        var outbox = new TicketOutbox(store.Database, time);
        var draft = PipelineTests.Draft(files: [new FileReference("passwords.txt", 10, "F0123")]);
        var old = (await outbox.InsertAsync("old", draft, "default", 7, null, false, default)).Submission;
        var recent = (await outbox.InsertAsync("recent", draft, "default", 7, null, false, default)).Submission;
        var waiting = (await outbox.InsertAsync("waiting", draft, "default", 7, null, false, default)).Submission;
        await using (var connection = await store.Database.OpenAsync(default))
        {
            long At(int days) => time.GetUtcNow().AddDays(-days).ToUnixTimeMilliseconds();
            await connection.ExecuteAsync("UPDATE submissions SET state = 'Announced', updated_at = @at WHERE id = @id", new { id = old.Id, at = At(91) });
            await connection.ExecuteAsync("UPDATE submissions SET state = 'Failed', updated_at = @at WHERE id = @id", new { id = recent.Id, at = At(89) });
            await connection.ExecuteAsync("UPDATE submissions SET updated_at = @at WHERE id = @id", new { id = waiting.Id, at = At(200) });
            await connection.ExecuteAsync(
                "INSERT INTO tickets (submission_id, account_id, ticket_id, tid, access_key, opened_at) VALUES (@id, 'default', 42, '516757', 'k3y', 0)", new { id = old.Id });
            await connection.ExecuteAsync("INSERT INTO submission_events (submission_id, at, state, attempts) VALUES (@id, 0, 'Opened', 1)", new { id = old.Id });
        }

        var purge = new SubmissionPurge(store.Database, Monitor(new TicketsOptions()), time, NullLogger<SubmissionPurge>.Instance);

        Assert.Equal(1, await purge.PurgeAsync(default));
        Assert.Equal(0, await purge.PurgeAsync(default));

        var purged = (await outbox.GetAsync(old.Id, default))!;
        Assert.Equal((SubmissionState.Announced, "516757", 42), (purged.State, purged.Ticket!.Tid, purged.Ticket.TicketId));
        Assert.Equal(("", "", "", null), (purged.Draft.Subject, purged.Draft.Message, purged.Draft.Requester.DisplayName, purged.Draft.Requester.Email));
        Assert.Empty(purged.Draft.CustomFields);
        Assert.Equal("", Assert.Single(purged.Draft.Files).Name);
        Assert.Equal((draft.Requester.Platform, draft.Requester.TenantId, draft.Requester.UserId, draft.ReplyTo),
            (purged.Draft.Requester.Platform, purged.Draft.Requester.TenantId, purged.Draft.Requester.UserId, purged.Draft.ReplyTo));
        Assert.Single(await SubmissionHistory.ListAsync(store.Database, old.Id, default));
        Assert.Equal(draft.Subject, (await outbox.GetAsync(recent.Id, default))!.Draft.Subject);
        Assert.Equal(draft.Subject, (await outbox.GetAsync(waiting.Id, default))!.Draft.Subject);
        await using var check = await store.Database.OpenAsync(default);
        Assert.DoesNotContain("passwords.txt", await check.ExecuteScalarAsync<string>("SELECT draft FROM submissions WHERE id = @id", new { id = old.Id }), StringComparison.Ordinal);
    }

    private static IOptionsMonitor<TicketsOptions> Monitor(TicketsOptions options)
    {
        var monitor = Substitute.For<IOptionsMonitor<TicketsOptions>>();
        monitor.CurrentValue.Returns(options);
        return monitor;
    }
}
