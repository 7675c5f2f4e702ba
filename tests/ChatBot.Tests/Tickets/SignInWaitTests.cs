using System.Diagnostics;
using ChatBot.Keliweb;
using ChatBot.Storage;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Tickets;

/// <summary>
/// A dead login (Keliweb refuses the refresh token) makes submissions wait instead of fail: told once, sent once the
/// account signs in again, failed past Tickets:MaxRetryAge.
/// </summary>
public sealed class SignInWaitTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private KeliwebStandIn _keliweb = null!;

    public async Task InitializeAsync() => _keliweb = await KeliwebStandIn.StartAsync();

    public async Task DisposeAsync() => await _keliweb.DisposeAsync();

    [Fact]
    public async Task RefreshRefused_TheSubmissionWaits_ItsRequesterIsToldOnce_AndItGoesOutOnceAfterALogin()
    {
        await using var host = new PipelineHost(_keliweb);
        var first = await AcceptAsync(host, "k1");
        await host.WaitForStateAsync(first, SubmissionState.Announced, Wait);
        await KillLoginsAsync();

        var waiting = await AcceptAsync(host, "k2");
        var held = await WaitUntilAsync(host, waiting, s => s.Progress.SignInNoticed);

        Assert.Equal(SubmissionState.Accepted, held.State);
        Assert.StartsWith("waiting for a Keliweb sign-in", held.LastError, StringComparison.Ordinal);
        Assert.True(held.NextAttemptAt > DateTimeOffset.UtcNow.AddSeconds(30));
        var told = Assert.Single(host.Channel.NoticesFor(waiting));
        Assert.Equal(TicketNoticeKind.SignInExpired, told.Kind);
        Assert.True(told.IsPersonalOnly);
        // The default account is the operator's to log in again; no page link (PublicBaseUrl is not set here anyway).
        Assert.Contains("The bot's administrator must log it in again", told.PrivateText, StringComparison.Ordinal);
        Assert.Null(told.SignIn);

        // Its checks while the account stays dead ask Keliweb nothing and tell the requester nothing more.
        var grants = (await _keliweb.GetTokenRequestsAsync()).Count;
        for (var check = 0; check < 2; check++)
        {
            var before = (await host.Outbox.GetAsync(waiting, default))!.UpdatedAt;
            await MakeDueAsync(host, waiting);
            await WaitUntilAsync(host, waiting, s => s.UpdatedAt > before);
        }

        Assert.Equal(grants, (await _keliweb.GetTokenRequestsAsync()).Count);
        Assert.Single(host.Channel.NoticesFor(waiting));
        Assert.Single(await _keliweb.GetTicketsAsync());

        // The operator logs the account in again (accounts add, another process): the next check sends it, once.
        var login = await host.Services.GetRequiredService<KeliwebTokenProvider>().LoginAsync("default", KeliwebStandIn.DefaultUsername, KeliwebStandIn.UserPassword, default);
        Assert.IsType<KeliwebResult<KeliwebAccountLogin>.Success>(login);
        await MakeDueAsync(host, waiting);
        var sent = await host.WaitForStateAsync(waiting, SubmissionState.Announced, Wait);

        Assert.Equal(2, (await _keliweb.GetTicketsAsync()).Count);
        Assert.False(sent.Progress.WaitingForSignIn);
        Assert.Equal(
            [TicketNoticeKind.SignInExpired, TicketNoticeKind.Opened],
            host.Channel.NoticesFor(waiting).Select(n => n.Kind));
    }

    [Fact]
    public async Task NobodySignsInWithinMaxRetryAge_TheSubmissionFails_SayingWhy()
    {
        await using var host = new PipelineHost(_keliweb, new Dictionary<string, string?> { ["Tickets:MaxRetryAge"] = "00:00:03" });
        var first = await AcceptAsync(host, "k1");
        await host.WaitForStateAsync(first, SubmissionState.Announced, Wait);
        await KillLoginsAsync();

        var waiting = await AcceptAsync(host, "k2");
        await WaitUntilAsync(host, waiting, s => s.Progress.WaitingForSignIn);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(4))
        {
            await Task.Delay(100);
        }

        await MakeDueAsync(host, waiting);
        var failed = await host.WaitForStateAsync(waiting, SubmissionState.Failed, Wait);

        Assert.Equal("its Keliweb sign-in expired and nobody signed in again in time", failed.Progress.FailureMessage);
        var notice = host.Channel.NoticesFor(waiting)[^1];
        Assert.Equal(TicketNoticeKind.Failed, notice.Kind);
        Assert.Contains("nobody signed in again in time", notice.PublicText, StringComparison.Ordinal);
        Assert.Single(await _keliweb.GetTicketsAsync());
    }

    private static async Task<string> AcceptAsync(PipelineHost host, string key) =>
        ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(PipelineTests.Draft(subject: "Ticket " + key), key, default)).SubmissionId;

    // Every token issued so far is dead: access tokens get 401, refresh tokens invalid_grant (10 days unused).
    private async Task KillLoginsAsync()
    {
        await _keliweb.ExpireAccessTokensAsync();
        await _keliweb.RevokeRefreshTokensAsync();
    }

    /// <summary>What a minute of waiting does: the waiting row is due for its next check.</summary>
    private static async Task MakeDueAsync(PipelineHost host, string id)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync(default);
        await connection.ExecuteAsync("UPDATE submissions SET next_attempt_at = 0 WHERE id = @id", new { id });
        host.Services.GetRequiredService<SubmissionSignal>().Notify();
    }

    private static async Task<Submission> WaitUntilAsync(PipelineHost host, string id, Func<Submission, bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var s = await host.Outbox.GetAsync(id, default);
            if (s is not null && condition(s))
            {
                return s;
            }

            if (deadline.Elapsed > Wait)
            {
                throw new TimeoutException($"Submission {id}: {s?.State}, {s?.LastError}");
            }

            await Task.Delay(25);
        }
    }
}
