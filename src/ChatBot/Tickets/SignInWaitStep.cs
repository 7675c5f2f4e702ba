using ChatBot.Linking;
using ChatBot.Linking.SignIn;
using ChatBot.Storage;
using Microsoft.Extensions.Options;

namespace ChatBot.Tickets;

/// <summary>
/// A submission whose account Keliweb refused to sign in (refresh token expired after 10 days unused, password changed)
/// waits in Accepted instead of failing, until <c>Tickets:MaxRetryAge</c>: its requester is told once, privately, with a
/// fresh sign-in link when they can sign it in themselves, and it goes out once the account has a working login again
/// (woken at once by a sign-in on the page, or found at its next check after an operator's <c>accounts add</c>).
/// </summary>
public sealed partial class SignInWaitStep(
    TicketOutbox outbox,
    AccountStore accounts,
    LinkStore links,
    SignInService signIn,
    IOptionsMonitor<TicketsOptions> options,
    TimeProvider time,
    ILogger<SignInWaitStep> logger)
{
    /// <summary>How often a waiting submission looks whether its account signed in elsewhere (the CLI is another process).</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(1);

    public const string WaitingReason = "waiting for a Keliweb sign-in";

    /// <summary>
    /// For a submission already waiting: the row as it stays (saved and released) when its account still needs a login,
    /// or null when it may go on (the login works again).
    /// </summary>
    public async Task<Submission?> StillWaitingAsync(Submission s, string owner, IChatChannel? channel, CancellationToken ct)
    {
        if (!s.Progress.WaitingForSignIn)
        {
            return null;
        }

        var account = await accounts.GetAsync(s.AccountId!, ct);
        if (account is { NeedsLogin: false } && !IsPastAge(s))
        {
            LogSignedIn(s.Id, s.AccountId!);
            return null;
        }

        return await WaitAsync(s, owner, channel, ct);
    }

    /// <summary>Keliweb refused the account's login before the ticket was sent: wait for a sign-in (or end, past the age limit).</summary>
    public async Task<Submission> WaitAsync(Submission s, string owner, IChatChannel? channel, CancellationToken ct)
    {
        var texts = TicketTexts.For(s.Draft.Requester.Locale);
        if (IsPastAge(s))
        {
            LogGaveUp(s.Id, s.AccountId!);
            var failed = s with
            {
                State = SubmissionState.Failed, NoticeDue = true, LastError = "the account's Keliweb sign-in expired and nobody signed in again",
                Progress = s.Progress with { WaitingForSignIn = false, FailureMessage = texts.SignInNeverCame },
            };
            await outbox.SaveAsync(failed, owner, release: false, ct);
            return failed;
        }

        var next = time.GetUtcNow() + CheckEvery;
        var deadline = s.CreatedAt + options.CurrentValue.MaxRetryAge;
        var waiting = s with
        {
            State = SubmissionState.Accepted,
            LastError = $"{WaitingReason} (account {s.AccountId})",
            NextAttemptAt = next < deadline ? next : deadline,
            Progress = s.Progress with { WaitingForSignIn = true },
        };
        if (!waiting.Progress.SignInNoticed && channel is not null)
        {
            var notice = await NoticeAsync(waiting, texts, ct);
            var posted = await channel.PostNoticeAsync(waiting.Draft.ReplyTo, waiting.Draft.Requester, notice, ct);
            waiting = waiting with { Progress = waiting.Progress with { SignInNoticed = posted.Status != PostStatus.Retry } };
        }

        if (!s.Progress.WaitingForSignIn)
        {
            LogWaiting(s.Id, s.AccountId!);
        }

        await outbox.SaveAsync(waiting, owner, release: true, ct);
        return waiting;
    }

    /// <summary>
    /// Who can bring the account back decides what the requester reads: their own link, a fresh button; a workspace
    /// link, a button for an admin and for anyone else who must; the default account, the administrator.
    /// </summary>
    private async Task<TicketNotice> NoticeAsync(Submission s, TicketTexts texts, CancellationToken ct)
    {
        var requester = s.Draft.Requester;
        var subject = s.Draft.Subject;
        var email = (await accounts.GetAsync(s.AccountId!, ct)) is { Email.Length: > 0 } account ? account.Email : s.AccountId!;
        var made = (await links.FindAsync(requester.Platform, requester.TenantId, requester.UserId, ct)).FirstOrDefault(l => l.AccountId == s.AccountId);
        var person = requester.Person(s.Draft.ReplyTo);
        SignInLink? link = null;
        string text;
        switch (made)
        {
            case { IsWorkspaceLink: false }:
                link = await signIn.StartAsync(person, ct);
                text = link is null ? texts.SignInExpiredAdministrator(subject, email) : texts.SignInExpiredOwn(subject, email);
                break;
            case { IsWorkspaceLink: true } when await signIn.MayLinkWorkspaceAsync(requester.Identity, ct):
                link = await signIn.StartAsync(person, ct);
                text = link is null ? texts.SignInExpiredAdministrator(subject, email) : texts.SignInExpiredWorkspaceAdmin(subject, email);
                break;
            case { IsWorkspaceLink: true } workspace when workspace.Made.Source == ProvenanceSource.SelfService:
                text = texts.SignInExpiredWorkspace(subject, email, SignInService.MakerName(workspace.Made));
                break;
            default:
                // Configured or CLI links and the default account: only the operator can log them in again.
                text = texts.SignInExpiredAdministrator(subject, email);
                break;
        }

        return new TicketNotice(TicketNoticeKind.SignInExpired, s.Id, subject, text, text, null, null, texts.Culture, link);
    }

    private bool IsPastAge(Submission s) => time.GetUtcNow() - s.CreatedAt > options.CurrentValue.MaxRetryAge;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Submission {SubmissionId} waits: Keliweb refused the login of account {AccountId}; it is sent once someone signs in")]
    private partial void LogWaiting(string submissionId, string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission {SubmissionId} goes on: account {AccountId} signed in again")]
    private partial void LogSignedIn(string submissionId, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Submission {SubmissionId} fails: account {AccountId} was not signed in again within Tickets:MaxRetryAge")]
    private partial void LogGaveUp(string submissionId, string accountId);
}
