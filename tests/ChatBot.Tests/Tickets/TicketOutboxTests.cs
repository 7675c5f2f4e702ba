using ChatBot.Storage;
using ChatBot.Tests.StandIns;
using Dapper;
using ChatBot.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Tickets;

public sealed class TicketOutboxTests
{
    internal static TicketDraft Draft(string subject = "Server down", string user = "U1") => new(
        1, subject, "It stopped answering.", TicketPriority.High, null, null,
        new Dictionary<int, string>(), [], new Requester("slack", "T1", user, "Ada", "ada@example.com", "en-US"), "{}");

    [Fact]
    public async Task Insert_SameKeyTwice_ReturnsTheFirstSubmission()
    {
        await using var db = await TestDatabase.CreateSqliteAsync();
        var outbox = new TicketOutbox(db.Database, TimeProvider.System);

        var (first, created1) = await outbox.InsertAsync("k1", Draft("first"), "default", 7, null, false, default);
        var (second, created2) = await outbox.InsertAsync("k1", Draft("second"), "default", 7, null, false, default);

        Assert.True(created1);
        Assert.False(created2);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal("first", second.Draft.Subject);
        Assert.Equal(7, second.ClientId);
    }

    [Fact]
    public async Task Claim_TwoOwners_NeverGetTheSameRow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var db = await TestDatabase.CreateSqliteAsync(time);
        var outbox = new TicketOutbox(db.Database, time);
        for (var i = 0; i < 10; i++)
        {
            await outbox.InsertAsync("k" + i, Draft(), "default", null, null, false, default);
        }

        var a = await outbox.ClaimAsync("a", 6, TimeSpan.FromMinutes(1), default);
        var b = await outbox.ClaimAsync("b", 6, TimeSpan.FromMinutes(1), default);

        Assert.Equal(6, a.Count);
        Assert.Equal(4, b.Count);
        Assert.Empty(a.Select(s => s.Id).Intersect(b.Select(s => s.Id)));
        Assert.Empty(await outbox.ClaimAsync("c", 6, TimeSpan.FromMinutes(1), default));

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(10, (await outbox.ClaimAsync("c", 20, TimeSpan.FromMinutes(1), default)).Count);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ClaimDuringOutage_TakesRowsInProgressAndUntoldOnes_NotTheWaitingOnes(string provider)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var db = await TestDatabase.CreateAsync(provider, time);
        var outbox = new TicketOutbox(db.Database, time);
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await outbox.InsertAsync("k" + i, Draft(), "default", null, null, false, default)).Submission.Id);
        }

        // k0 was told it is queued and waits; k1 is Sending; k2 is Uncertain with its notice due; k3 is new.
        var all = await outbox.ClaimAsync("setup", 4, TimeSpan.FromMinutes(1), default);
        var byId = all.ToDictionary(s => s.Id);
        await outbox.SaveAsync(byId[ids[0]] with { QueuedNoticed = true }, "setup", release: true, default);
        await outbox.SaveAsync(byId[ids[1]] with { State = SubmissionState.Sending }, "setup", release: true, default);
        await outbox.SaveAsync(byId[ids[2]] with { State = SubmissionState.Uncertain, NoticeDue = true }, "setup", release: true, default);
        await outbox.SaveAsync(byId[ids[3]], "setup", release: true, default);

        var claimed = await outbox.ClaimAsync("w", 10, TimeSpan.FromMinutes(1), default, keliwebDown: true);

        Assert.Equal(ids.Skip(1).Order(), claimed.Select(s => s.Id).Order());
        Assert.Equal([ids[0]], (await outbox.ClaimAsync("w2", 10, TimeSpan.FromMinutes(1), default)).Select(s => s.Id));
    }

    [Theory]
    [InlineData("Sqlite", false)]
    [InlineData("Sqlite", true)]
    [InlineData("Postgres", false)]
    [InlineData("Postgres", true)]
    public async Task Claim_TakesRowsPastMaxRetryAge_WhateverTheirNextAttemptSays(string provider, bool keliwebDown)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var db = await TestDatabase.CreateAsync(provider, time);
        var outbox = new TicketOutbox(db.Database, time);
        var (row, _) = await outbox.InsertAsync("k", Draft(), "default", null, null, false, default);
        var claimed = Assert.Single(await outbox.ClaimAsync("setup", 1, TimeSpan.FromMinutes(1), default));
        // As a row looked before Retry-After was capped: told it is queued, and waiting until 2099.
        await outbox.SaveAsync(claimed with { QueuedNoticed = true, Attempts = 1, NextAttemptAt = new DateTimeOffset(2099, 10, 21, 7, 28, 0, TimeSpan.Zero) }, "setup", release: true, default);
        var maxRetryAge = TimeSpan.FromHours(24);

        Assert.Empty(await outbox.ClaimAsync("w", 10, TimeSpan.FromMinutes(1), default, keliwebDown, maxRetryAge));
        time.Advance(maxRetryAge + TimeSpan.FromSeconds(1));

        Assert.Equal(row.Id, Assert.Single(await outbox.ClaimAsync("w", 10, TimeSpan.FromMinutes(1), default, keliwebDown, maxRetryAge)).Id);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Claim_OnSqlite_ReadsIndexRanges_NeverTheWholeTable(bool keliwebDown)
    {
        await using var db = await TestDatabase.CreateSqliteAsync();
        await using var connection = await db.Database.OpenAsync(default);

        var plan = (await connection.QueryAsync(
            "EXPLAIN QUERY PLAN " + TicketOutbox.ClaimCandidates(StorageProvider.Sqlite, keliwebDown), new { now = 0L, max = 16, expired = 0L }))
            .Select(row => (string)row.detail).ToList();

        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN submissions", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH submissions USING INDEX", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Save_AfterLeaseWasTaken_IsRefused()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var db = await TestDatabase.CreateSqliteAsync(time);
        var outbox = new TicketOutbox(db.Database, time);
        await outbox.InsertAsync("k", Draft(), "default", null, null, false, default);
        var mine = (await outbox.ClaimAsync("a", 1, TimeSpan.FromSeconds(10), default)).Single();
        time.Advance(TimeSpan.FromSeconds(11));
        Assert.Single(await outbox.ClaimAsync("b", 1, TimeSpan.FromSeconds(10), default));

        var saved = await outbox.SaveAsync(mine with { State = SubmissionState.Sending }, "a", release: false, default);

        Assert.False(saved);
        Assert.Equal(SubmissionState.Accepted, (await outbox.GetAsync(mine.Id, default))!.State);
    }

    [Fact]
    public async Task Save_Opened_StoresTicketAndProgress()
    {
        await using var db = await TestDatabase.CreateSqliteAsync();
        var outbox = new TicketOutbox(db.Database, TimeProvider.System);
        await outbox.InsertAsync("k", Draft(), "default", null, null, false, default);
        var mine = (await outbox.ClaimAsync("a", 1, TimeSpan.FromSeconds(10), default)).Single();
        var progress = new SubmissionProgress { Files = [new StagedFile(0, "città.pdf", StagedFileStatus.Attached, 12)] };

        Assert.True(await outbox.SaveAsync(
            mine with { State = SubmissionState.Opened, Ticket = new OpenedTicketInfo(5, "123456", "KPqH7yG3"), Progress = progress }, "a", true, default));

        var stored = (await outbox.GetAsync(mine.Id, default))!;
        Assert.Equal(SubmissionState.Opened, stored.State);
        Assert.Equal(new OpenedTicketInfo(5, "123456", "KPqH7yG3"), stored.Ticket);
        Assert.Equal("città.pdf", stored.Progress.Files.Single().Name);
        Assert.Equal(StagedFileStatus.Attached, stored.Progress.Files.Single().Status);
    }

    [Fact]
    public async Task Retry_TakesEndsToTryAgain_AndWaitingRowsNobodyIsWorkingOn()
    {
        await using var db = await TestDatabase.CreateSqliteAsync();
        var outbox = new TicketOutbox(db.Database, TimeProvider.System);
        var (s, _) = await outbox.InsertAsync("k", Draft(), "default", null, null, false, default);

        var mine = (await outbox.ClaimAsync("a", 1, TimeSpan.FromSeconds(10), default)).Single();
        Assert.False(await outbox.RetryAsync(s.Id, default)); // leased: a worker has it
        await outbox.SaveAsync(mine with { NextAttemptAt = DateTimeOffset.UtcNow.AddHours(1) }, "a", true, default);
        Assert.True(await outbox.RetryAsync(s.Id, default));
        Assert.True((await outbox.GetAsync(s.Id, default))!.NextAttemptAt <= DateTimeOffset.UtcNow);

        mine = (await outbox.ClaimAsync("a", 1, TimeSpan.FromSeconds(10), default)).Single();
        await outbox.SaveAsync(mine with { State = SubmissionState.Uncertain, NoticeDue = false }, "a", true, default);
        Assert.True(await outbox.RetryAsync(s.Id, default));
        Assert.Equal(SubmissionState.Accepted, (await outbox.GetAsync(s.Id, default))!.State);

        mine = (await outbox.ClaimAsync("a", 1, TimeSpan.FromSeconds(10), default)).Single();
        await outbox.SaveAsync(mine with { State = SubmissionState.Unannounced, NoticeDue = false }, "a", true, default);
        Assert.True(await outbox.RetryAsync(s.Id, default));
        Assert.Equal((SubmissionState.Opened, true), ((await outbox.GetAsync(s.Id, default))!.State, (await outbox.GetAsync(s.Id, default))!.NoticeDue));

        mine = (await outbox.ClaimAsync("a", 1, TimeSpan.FromSeconds(10), default)).Single();
        await outbox.SaveAsync(mine with { State = SubmissionState.Announced, NoticeDue = false }, "a", true, default);
        Assert.False(await outbox.RetryAsync(s.Id, default));
    }
}
