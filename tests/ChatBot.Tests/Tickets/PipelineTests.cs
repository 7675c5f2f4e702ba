using System.Security.Cryptography;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Tickets;

/// <summary>The whole pipeline through the real host: intake, worker, the Keliweb PHP stand-in, the chat seam.</summary>
public sealed class PipelineTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private KeliwebStandIn _keliweb = null!;

    public async Task InitializeAsync() => _keliweb = await KeliwebStandIn.StartAsync();

    public async Task DisposeAsync() => await _keliweb.DisposeAsync();

    internal static TicketDraft Draft(
        string subject = "Il sito non risponde",
        int department = 1,
        string locale = "en-US",
        string user = "U1",
        IReadOnlyList<FileReference>? files = null,
        Dictionary<int, string>? customFields = null) => new(
        department, subject, "Da stamattina **errore 502** su `example.it`.", TicketPriority.High, null, null,
        customFields ?? new Dictionary<int, string> { [12] = "Forlì, città" }, files ?? [],
        new Requester("slack", "T1", user, "Ada Lovelace", "ada@example.com", locale), "{\"channel\":\"C1\"}");

    [Fact]
    public async Task AcceptedDraft_OpensTicketWithEveryField_AndPostsTheNumber()
    {
        await using var host = new PipelineHost(_keliweb);
        var pdf = RandomNumberGenerator.GetBytes(30_000);
        var png = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        host.Channel.Files["f1"] = pdf;
        host.Channel.Files["f2"] = png;
        var draft = Draft(files: [new("fattura città.pdf", pdf.Length, "f1"), new("screen.png", null, "f2")]);

        var outcome = await host.Intake.AcceptAsync(draft, "slack:V1", default);

        var accepted = Assert.IsType<AcceptOutcome.Accepted>(outcome);
        var ticket = (await _keliweb.WaitForTicketsAsync(1, Wait)).Single();
        Assert.Equal(1, ticket.DeptId);
        Assert.Equal("Il sito non risponde", ticket.Subject);
        Assert.Equal(draft.Message, ticket.Message);
        Assert.Equal("High", ticket.Priority);
        Assert.True(ticket.Markdown);
        Assert.Equal("Forlì, città", ticket.CustomFields![12]);
        Assert.Null(ticket.Name);
        Assert.Equal(["fattura città.pdf", "screen.png"], ticket.Attachments.Select(a => a.Name));
        Assert.Equal(Sha256(pdf), ticket.Attachments[0].Sha256);
        Assert.Equal(Sha256(png), ticket.Attachments[1].Sha256);

        var done = await host.WaitForStateAsync(accepted.SubmissionId, SubmissionState.Announced, Wait);
        Assert.Equal(ticket.Tid, done.Ticket!.Tid);
        var notice = host.Channel.NoticesFor(accepted.SubmissionId).Single();
        Assert.Equal(TicketNoticeKind.Opened, notice.Kind);
        Assert.Contains("#" + ticket.Tid, notice.PublicText, StringComparison.Ordinal);
        Assert.DoesNotContain(ticket.C, notice.PublicText, StringComparison.Ordinal);
        Assert.Contains($"tid={ticket.Tid}&c={ticket.C}", notice.PrivateText, StringComparison.Ordinal);
        // The worker stores Announced, then deletes the files: poll, or a loaded machine sees the moment between.
        var folder = Path.Combine(host.DataFolder, "files", accepted.SubmissionId);
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (Directory.Exists(folder) && deadline.Elapsed < Wait)
        {
            await Task.Delay(50);
        }

        Assert.False(Directory.Exists(folder), "temporary files are deleted once the ticket is done");
    }

    [Fact]
    public async Task TwoHundredConcurrentAccepts_WithFiftyRepeatedKeys_MakeExactly150Tickets()
    {
        await using var host = new PipelineHost(_keliweb);
        var keys = Enumerable.Range(0, 150).Select(i => "slack:V" + i).Concat(Enumerable.Range(0, 50).Select(i => "slack:V" + (i * 3))).ToArray();
        Random.Shared.Shuffle(keys);
        var intake = host.Intake; // starts the host once; WebApplicationFactory's lazy start is not thread-safe

        var outcomes = await Task.WhenAll(keys.Select(k => Task.Run(() => intake.AcceptAsync(Draft(subject: k), k, default))));

        var accepted = outcomes.Cast<AcceptOutcome.Accepted>().ToList();
        Assert.Equal(150, accepted.Select(a => a.SubmissionId).Distinct().Count());
        Assert.Equal(50, accepted.Count(a => a.Duplicate));
        foreach (var id in accepted.Select(a => a.SubmissionId).Distinct())
        {
            await host.WaitForStateAsync(id, SubmissionState.Announced, TimeSpan.FromSeconds(60));
        }

        var tickets = await _keliweb.GetTicketsAsync();
        Assert.Equal(150, tickets.Count);
        Assert.Equal(150, tickets.Select(t => t.Subject).Distinct().Count());
    }

    [Fact]
    public async Task WhileIntakeIsBusy_TheWorkerTakesOneSubmissionAtATime_ThenCatchesUpAtFullWidth()
    {
        await using var host = new PipelineHost(_keliweb);
        host.Channel.PostDelay = TimeSpan.FromMilliseconds(40);
        var intake = host.Intake;
        var rate = host.Services.GetRequiredService<IntakeRate>();

        // A steady stream over the busy line, independent of how fast this machine stores the accepts below.
        using var stopStream = new CancellationTokenSource();
        var stream = Task.Run(async () =>
        {
            while (!stopStream.IsCancellationRequested)
            {
                for (var i = 0; i < IntakeRate.BusyPerSecond; i++)
                {
                    rate.Accepted();
                }

                await Task.Delay(100);
            }
        });
        await Task.Delay(50);
        var keys = Enumerable.Range(0, 80).Select(i => "slack:B" + i).ToList();
        var outcomes = await Task.WhenAll(keys.Select(k => intake.AcceptAsync(Draft(subject: k), k, default)));
        await host.Channel.WaitForAsync(n => n.Count >= 5, Wait);
        var widestWhileBusy = host.Channel.MaxConcurrentPosts;
        await stopStream.CancelAsync();
        await stream;
        host.Channel.ResetConcurrency();

        foreach (var outcome in outcomes)
        {
            await host.WaitForStateAsync(((AcceptOutcome.Accepted)outcome).SubmissionId, SubmissionState.Announced, TimeSpan.FromSeconds(60));
        }

        Assert.Equal(1, widestWhileBusy);
        Assert.True(host.Channel.MaxConcurrentPosts > 1, "afterwards it works through the backlog several at a time");
        Assert.Equal(keys.Count, (await _keliweb.GetTicketsAsync()).Count);
    }

    [Fact]
    public async Task KeliwebAnswering503ForAWhile_EverySubmissionBecomesOneTicket_AndUsersHearItIsQueued()
    {
        await using var host = new PipelineHost(_keliweb);
        await _keliweb.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(503, "Service Unavailable", new() { ["Retry-After"] = "1" }), count: 6);

        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(Draft(subject: "outage " + i), "k" + i, default)).SubmissionId);
        }

        foreach (var id in ids)
        {
            var s = await host.WaitForStateAsync(id, SubmissionState.Announced, Wait);
            Assert.NotNull(s.Ticket);
        }

        var tickets = await _keliweb.GetTicketsAsync();
        Assert.Equal(4, tickets.Count);
        Assert.Equal(4, tickets.Select(t => t.Subject).Distinct().Count());
        Assert.Contains(host.Channel.Notices, n => n.Notice.Kind == TicketNoticeKind.Queued);
        Assert.All(ids, id => Assert.Single(host.Channel.NoticesFor(id), n => n.Kind == TicketNoticeKind.Opened));
    }

    [Fact]
    public async Task FilesOverTheRequestBudget_ArriveThroughOpenTicketAndReplies_ByteExact_AndDisallowedTypesAreReported()
    {
        await using var host = new PipelineHost(_keliweb, new Dictionary<string, string?> { ["Keliweb:MaxRequestBytes"] = "200000" });
        var files = Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetBytes(60_000)).ToArray();
        for (var i = 0; i < files.Length; i++)
        {
            host.Channel.Files["f" + i] = files[i];
        }

        host.Channel.Files["exe"] = [0x4d, 0x5a];
        var refs = files.Select((f, i) => new FileReference($"part{i}.pdf", f.Length, "f" + i)).Append(new FileReference("setup.exe", 2, "exe")).ToList();

        var id = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(Draft(files: refs), "budget", default)).SubmissionId;
        var done = await host.WaitForStateAsync(id, SubmissionState.Announced, Wait);

        var ticket = (await _keliweb.GetTicketsAsync()).Single();
        var replies = await _keliweb.GetRepliesAsync();
        Assert.NotEmpty(ticket.Attachments);
        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.Equal(ticket.Id, r.TicketId));
        Assert.All(replies.Append(null).Select(r => r?.ContentLength ?? ticket.ContentLength), length => Assert.True(length <= 200_000, $"request of {length} bytes"));
        var received = ticket.Attachments.Concat(replies.SelectMany(r => r.Attachments)).ToList();
        Assert.Equal(refs.Take(4).Select(r => r.Name), received.Select(a => a.Name));
        Assert.Equal(files.Select(Sha256), received.Select(a => a.Sha256));
        Assert.DoesNotContain(received, a => a.Name == "setup.exe");
        var notice = host.Channel.NoticesFor(id).Single();
        Assert.Contains("setup.exe (file type not allowed)", notice.PublicText, StringComparison.Ordinal);
        Assert.Equal(StagedFileStatus.AttachedInReply, done.Progress.Files[3].Status);
    }

    [Fact]
    public async Task ApiError_ReachesTheUserInItalian_AndIsNotRetried()
    {
        await using var host = new PipelineHost(_keliweb);
        await _keliweb.SetUnknownDepartmentsAsync(1);

        var id = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(Draft(locale: "it-IT"), "it", default)).SubmissionId;
        await host.WaitForStateAsync(id, SubmissionState.Failed, Wait);

        var notice = host.Channel.NoticesFor(id).Single();
        Assert.Equal(TicketNoticeKind.Failed, notice.Kind);
        Assert.Contains("reparto non trovato", notice.PublicText, StringComparison.Ordinal);
        Assert.Equal("it", notice.Culture);
        Assert.Equal(1, await _keliweb.GetCallCountAsync(KeliwebStandIn.OpenTicket));
    }

    [Fact]
    public async Task TimeoutAfterKeliwebCreatedTheTicket_IsUncertain_NeverRetried_AndSubmitAgainMakesASecondOnPurpose()
    {
        await using var host = new PipelineHost(_keliweb, new Dictionary<string, string?> { ["Keliweb:Timeout"] = "00:00:01" });
        await _keliweb.FailNextAsync(KeliwebStandIn.OpenTicket, new StandInFault(ProcessFirst: true, DelaySeconds: 3));
        var draft = Draft();

        var id = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(draft, "slow", default)).SubmissionId;
        await host.WaitForStateAsync(id, SubmissionState.Uncertain, Wait);

        Assert.Equal(TicketNoticeKind.Uncertain, host.Channel.NoticesFor(id).Single().Kind);
        Assert.Single(await _keliweb.GetTicketsAsync());
        Assert.Equal(1, await _keliweb.GetCallCountAsync(KeliwebStandIn.OpenTicket));

        var again = Assert.IsType<AcceptOutcome.Accepted>(await host.Intake.ResubmitAsync(id, draft.Requester, default));
        var twice = Assert.IsType<AcceptOutcome.Accepted>(await host.Intake.ResubmitAsync(id, draft.Requester, default));
        Assert.Equal(again.SubmissionId, twice.SubmissionId);
        await host.WaitForStateAsync(again.SubmissionId, SubmissionState.Announced, Wait);
        Assert.Equal(2, (await _keliweb.GetTicketsAsync()).Count);
    }

    [Fact]
    public async Task ChatOutageWhilePostingBack_RetriesThePost_WithoutReopeningTheTicket()
    {
        await using var host = new PipelineHost(_keliweb);
        host.Channel.FailNextPosts(3);

        var id = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(Draft(), "post", default)).SubmissionId;
        await host.WaitForStateAsync(id, SubmissionState.Announced, Wait);

        Assert.Single(await _keliweb.GetTicketsAsync());
        Assert.Single(host.Channel.NoticesFor(id), n => n.Kind == TicketNoticeKind.Opened);
    }

    [Fact]
    public async Task UnlinkedUser_WithoutDefaultAccount_IsToldHowToLink_AndNothingIsStored()
    {
        await using var host = new PipelineHost(_keliweb, new Dictionary<string, string?> { ["Keliweb:Username"] = "", ["Keliweb:Password"] = "" });

        var outcome = await host.Intake.AcceptAsync(Draft(locale: "it-IT", user: "U9"), "unlinked", default);

        var notLinked = Assert.IsType<AcceptOutcome.NotLinked>(outcome);
        Assert.Contains("U9", notLinked.Notice.PublicText, StringComparison.Ordinal);
        Assert.Contains("non è collegato", notLinked.Notice.PublicText, StringComparison.Ordinal);
        Assert.Empty(await host.Outbox.ListAsync(10, default));
    }

    [Fact]
    public async Task GuestsAllowed_UnlinkedUserOpensAGuestTicketWithNameAndEmail()
    {
        await using var host = new PipelineHost(_keliweb, new Dictionary<string, string?> { ["Tickets:AllowGuests"] = "true" });

        var id = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(Draft(), "guest", default)).SubmissionId;
        await host.WaitForStateAsync(id, SubmissionState.Announced, Wait);

        var ticket = (await _keliweb.GetTicketsAsync()).Single();
        Assert.Null(ticket.ClientId);
        Assert.Equal("Ada Lovelace", ticket.Name);
        Assert.Equal("ada@example.com", ticket.Email);
    }

    [Fact]
    public async Task MissingRequiredCustomField_IsALocalizedFieldError()
    {
        await using var host = new PipelineHost(_keliweb);

        var outcome = await host.Intake.AcceptAsync(Draft(department: 2, locale: "it-IT", customFields: []), "cf", default);

        var invalid = Assert.IsType<AcceptOutcome.Invalid>(outcome);
        var error = Assert.Single(invalid.Errors);
        Assert.Equal(TicketFields.CustomField(13), error.Field);
        Assert.Contains("Invoice number", error.Message, StringComparison.Ordinal);
        Assert.Contains("obbligatorio", error.Message, StringComparison.Ordinal);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
