using System.Diagnostics;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets;

namespace ChatBot.Tests.Tickets;

/// <summary>
/// One far <c>Retry-After</c> (the year 2099) from Keliweb, its token endpoint or the chat platform must not freeze the
/// pipeline: every wait is capped at the schedule's longest delay and at the submission's <c>MaxRetryAge</c>.
/// </summary>
public sealed class RetryAfterCapTests : IAsyncLifetime
{
    /// <summary>The date of the report.</summary>
    public const string Year2099 = "Wed, 21 Oct 2099 07:28:00 GMT";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private KeliwebStandIn _keliweb = null!;

    public async Task InitializeAsync() => _keliweb = await KeliwebStandIn.StartAsync();

    public async Task DisposeAsync() => await _keliweb.DisposeAsync();

    private static Dictionary<string, string?> LongestDelay(string delay) => new() { ["Tickets:RetryMaxDelay"] = delay };

    [Theory]
    [InlineData(KeliwebStandIn.OpenTicket)]
    [InlineData(KeliwebStandIn.Token)]
    public async Task KeliwebAsksToWaitUntil2099_TheSubmissionIsRetriedWithinTheLongestDelay_AndTheNextOneIsNotHeld(string method)
    {
        await using var host = new PipelineHost(_keliweb, LongestDelay("00:00:01"));
        await _keliweb.FailNextAsync(method, StandInFault.Http(503, "", new() { ["Retry-After"] = Year2099 }));

        var first = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(PipelineTests.Draft(subject: "first"), "first", default)).SubmissionId;
        await WaitForCallsAsync(method, 1);
        // Accepted while the bot believes Keliweb is down: held by the outage pause, which must end as well.
        var second = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(PipelineTests.Draft(subject: "second"), "second", default)).SubmissionId;

        Assert.NotNull((await host.WaitForStateAsync(first, SubmissionState.Announced, Wait)).Ticket);
        Assert.NotNull((await host.WaitForStateAsync(second, SubmissionState.Announced, Wait)).Ticket);
        Assert.Equal(2, (await _keliweb.GetTicketsAsync()).Count);
    }

    [Fact]
    public async Task ChatAsksToWaitSixtyYears_TheNoticeIsPostedWithinTheLongestDelay()
    {
        await using var host = new PipelineHost(_keliweb, LongestDelay("00:00:01"));
        host.Channel.FailNextPosts(1, TimeSpan.FromSeconds(2_000_000_000));

        var id = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(PipelineTests.Draft(), "notice", default)).SubmissionId;

        await host.WaitForStateAsync(id, SubmissionState.Announced, Wait);
        Assert.Equal(TicketNoticeKind.Opened, Assert.Single(host.Channel.NoticesFor(id)).Kind);
    }

    [Fact]
    public async Task MaxRetryAge_EndsSubmissionsTheOutagePauseKeepsFromBeingClaimed_AndTheirUsersAreTold()
    {
        // Keliweb refuses everything and asks for 2099; the pause (a minute here) outlasts the submissions' age limit.
        await using var host = new PipelineHost(_keliweb, new Dictionary<string, string?>
        {
            ["Tickets:RetryMaxDelay"] = "00:01:00",
            ["Tickets:MaxRetryAge"] = "00:00:03",
        });
        await _keliweb.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(503, "", new() { ["Retry-After"] = Year2099 }), count: 100);

        var watch = Stopwatch.StartNew();
        var first = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(PipelineTests.Draft(subject: "first", locale: "it-IT"), "first", default)).SubmissionId;
        await WaitForCallsAsync(KeliwebStandIn.OpenTicket, 1);
        var held = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(PipelineTests.Draft(subject: "held"), "held", default)).SubmissionId;

        await host.WaitForStateAsync(first, SubmissionState.Failed, Wait);
        await host.WaitForStateAsync(held, SubmissionState.Failed, Wait);
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(45), $"ended after {watch.Elapsed}, not by the age limit");
        Assert.Contains(host.Channel.NoticesFor(held), n => n.Kind == TicketNoticeKind.Queued);
        Assert.Contains("could not be reached for too long", host.Channel.NoticesFor(held)[^1].PublicText, StringComparison.Ordinal);
        Assert.Contains("non è stato raggiungibile troppo a lungo", host.Channel.NoticesFor(first)[^1].PublicText, StringComparison.Ordinal);
        // The held one never went out: Keliweb saw only the first submission's tries.
        Assert.Empty(await _keliweb.GetTicketsAsync());
    }

    private async Task WaitForCallsAsync(string method, int count)
    {
        var deadline = Stopwatch.StartNew();
        while (await _keliweb.GetCallCountAsync(method) < count)
        {
            if (deadline.Elapsed > Wait)
            {
                throw new TimeoutException($"{method} was not called {count} times.");
            }

            await Task.Delay(50);
        }
    }
}
