using System.Diagnostics;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets;

namespace ChatBot.Tests.Tickets;

/// <summary>
/// Answers from Keliweb that no well-behaved server sends, through the whole pipeline: the row ends in the state that
/// tells the truth about the request, and the user hears about it without any operator's configuration hint.
/// </summary>
public sealed class HostileKeliwebAnswerTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private KeliwebStandIn _keliweb = null!;

    public async Task InitializeAsync() => _keliweb = await KeliwebStandIn.StartAsync();

    public async Task DisposeAsync() => await _keliweb.DisposeAsync();

    [Fact]
    public async Task OpenTicketAnswered150MbAfterProcessing_IsUncertain_AndTheUserIsToldAtOnce()
    {
        await using var host = new PipelineHost(_keliweb, new Dictionary<string, string?> { ["Keliweb:Timeout"] = "00:01:00" });
        // 15 s to send it all at 100 ms per MB: a row that is Uncertain well before is the bot's cap at work.
        await _keliweb.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Flood(150L * 1024 * 1024, chunkDelayMs: 100));

        var watch = Stopwatch.StartNew();
        var id = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(PipelineTests.Draft(), "flood", default)).SubmissionId;
        var done = await host.WaitForStateAsync(id, SubmissionState.Uncertain, TimeSpan.FromSeconds(10));
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"Uncertain after {watch.Elapsed}");
        Assert.Contains("65536", done.LastError, StringComparison.Ordinal);
        Assert.Equal(TicketNoticeKind.Uncertain, Assert.Single(host.Channel.NoticesFor(id)).Kind);
        // The ticket exists: exactly why the row must not be retried on its own.
        Assert.Single(await _keliweb.GetTicketsAsync());
        Assert.Equal(1, await _keliweb.GetCallCountAsync(KeliwebStandIn.OpenTicket));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task OpenTicketRedirectedAfterProcessing_IsUncertain_AndNoConfigurationHintReachesTheUser(int status)
    {
        await using var host = new PipelineHost(_keliweb);
        await _keliweb.FailNextAsync(
            KeliwebStandIn.OpenTicket,
            StandInFault.Http(status, "", new() { ["Location"] = "https://www.keliweb.it/login" }) with { ProcessFirst = true });

        var id = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(PipelineTests.Draft(), "redirect", default)).SubmissionId;
        var done = await host.WaitForStateAsync(id, SubmissionState.Uncertain, Wait);

        Assert.Contains("Keliweb:BaseUrl", done.LastError, StringComparison.Ordinal);
        var notice = Assert.Single(host.Channel.NoticesFor(id));
        Assert.Equal(TicketNoticeKind.Uncertain, notice.Kind);
        AssertNoOperatorHint(notice);
        Assert.Single(await _keliweb.GetTicketsAsync());
        Assert.Equal(1, await _keliweb.GetCallCountAsync(KeliwebStandIn.OpenTicket));
    }

    [Fact]
    public async Task RefusedApiKeys_FailTheSubmission_WithoutTellingTheUserWhichSettingToCheck()
    {
        await using var host = new PipelineHost(_keliweb, new Dictionary<string, string?> { ["Keliweb:ClientSecret"] = "wrong" });

        var id = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(PipelineTests.Draft(locale: "it-IT"), "keys", default)).SubmissionId;
        var done = await host.WaitForStateAsync(id, SubmissionState.Failed, Wait);

        Assert.Contains("Keliweb:ClientSecret", done.LastError, StringComparison.Ordinal);
        var notice = Assert.Single(host.Channel.NoticesFor(id));
        Assert.Equal(TicketNoticeKind.Failed, notice.Kind);
        AssertNoOperatorHint(notice);
    }

    [Fact]
    public async Task WhmcsMessageEndingWithAPeriod_ReadsAsOneSentence()
    {
        await using var host = new PipelineHost(_keliweb);
        await _keliweb.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.WhmcsError("Unable to generate ticket number."));

        var id = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(PipelineTests.Draft(), "period", default)).SubmissionId;
        await host.WaitForStateAsync(id, SubmissionState.Failed, Wait);

        var notice = Assert.Single(host.Channel.NoticesFor(id));
        Assert.Contains("Unable to generate ticket number. Fix it", notice.PublicText, StringComparison.Ordinal);
        AssertNoOperatorHint(notice);
    }

    private static void AssertNoOperatorHint(TicketNotice notice)
    {
        foreach (var text in new[] { notice.PublicText, notice.PrivateText ?? "" })
        {
            // A setting's name (Keliweb:BaseUrl, Keliweb:ClientSecret...) is for the operator, in the logs.
            Assert.DoesNotMatch(@"\b(Keliweb|Slack|Teams|Tickets|Storage):[A-Z]", text);
            Assert.DoesNotContain("accounts add", text, StringComparison.Ordinal);
            Assert.DoesNotContain("..", text, StringComparison.Ordinal);
        }
    }
}
