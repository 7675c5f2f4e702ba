using ChatBot.Keliweb;
using Microsoft.Extensions.Options;

namespace ChatBot.Tickets;

/// <summary>
/// Accepted → Sending → Opened | Failed | Uncertain, or back to Accepted for a later try when Keliweb surely
/// did not get the request. "Sending" is written before the request leaves.
/// </summary>
public sealed partial class OpenTicketStep(
    TicketOutbox outbox,
    KeliwebClient keliweb,
    FileStager stager,
    TicketNotices notices,
    RetrySchedule schedule,
    KeliwebOutage outage,
    SignInWaitStep signInWait,
    IOptionsMonitor<KeliwebOptions> keliwebOptions,
    IOptionsMonitor<TicketsOptions> ticketOptions,
    ILogger<OpenTicketStep> logger)
{
    public async Task<Submission> RunAsync(Submission s, string owner, IChatChannel? channel, CancellationToken cancellationToken)
    {
        if (await signInWait.StillWaitingAsync(s, owner, channel, cancellationToken) is { } waiting)
        {
            return waiting;
        }

        s = s.Progress.WaitingForSignIn ? s with { Progress = s.Progress with { WaitingForSignIn = false } } : s;
        if (outage.IsPaused)
        {
            // Claimed during an outage only to hear that it is queued; it goes out when Keliweb is back.
            return await HoldAsync(s, owner, channel, cancellationToken);
        }

        var draft = s.Draft;
        var files = s.Progress.Files;
        if (files.Count == 0 && draft.Files.Count > 0)
        {
            if (channel is null)
            {
                return await RetryLaterAsync(s, owner, channel, null, "no chat channel to download files from", cancellationToken);
            }

            await outbox.RenewLeaseAsync(s.Id, owner, LeaseFor(), cancellationToken);
            files = await stager.StageAsync(s.Id, draft, channel, cancellationToken);
        }
        else if (channel is not null)
        {
            // A retry after an outage: temporary files may be gone if the bot moved or the temp folder was cleaned.
            for (var i = 0; i < files.Count; i++)
            {
                if (files[i].Status == StagedFileStatus.Ready)
                {
                    files[i] = await stager.EnsureOnDiskAsync(s.Id, files[i], draft, channel, cancellationToken);
                }
            }
        }

        // Exact sizes of everything but the attachments, so the planned requests stay within Keliweb's limit; the note
        // on files not attached is only known after planning, so its largest size is reserved.
        var budget = keliwebOptions.CurrentValue.MaxRequestBytes;
        files = AttachmentPlanner.Plan(
            files.Select(f => f.Status == StagedFileStatus.Deferred ? f with { Status = StagedFileStatus.Ready, Reply = 0 } : f).ToList(),
            budget - AttachmentEncoding.RequestOverhead(SubmissionRequests.OpenTicket(s, fileNote: draft.Files.Count > 0 ? FileNote.Reserved : "")),
            budget - AttachmentEncoding.RequestOverhead(SubmissionRequests.LargestReply(s)));
        var request = SubmissionRequests.OpenTicket(
            s,
            files.Where(f => f.Status == StagedFileStatus.Ready).Select(f => new AttachmentFile(f.Name, f.Path!)).ToList(),
            FileNote.ForTicket(files, TicketTexts.For(draft.Requester.Locale)));

        s = s with { State = SubmissionState.Sending, Attempts = s.Attempts + 1, Progress = s.Progress with { Files = files } };
        if (!await outbox.SaveAsync(s, owner, release: false, cancellationToken, extendLease: LeaseFor()))
        {
            return s with { State = SubmissionState.Accepted };
        }

        // Not the stopping token: abandoning a request mid-flight would turn a likely ticket into an uncertain one.
        var result = await keliweb.OpenTicketAsync(s.AccountId!, request, CancellationToken.None);
        switch (result)
        {
            case KeliwebResult<OpenedTicket>.Success(var opened):
                outage.Succeeded();
                LogOpened(s.Id, opened.Tid);
                s = s with
                {
                    State = SubmissionState.Opened,
                    Ticket = new OpenedTicketInfo(opened.Id, opened.Tid, opened.C),
                    NoticeDue = true,
                    LastError = null,
                    Progress = s.Progress with { Files = [.. files.Select(f => f.Status == StagedFileStatus.Ready ? f with { Status = StagedFileStatus.Attached } : f)] },
                };
                await outbox.SaveAsync(s, owner, release: false, cancellationToken);
                return s;
            case KeliwebResult<OpenedTicket>.NotSent(var reason, var retryAfter):
                var retried = await RetryLaterAsync(s with { State = SubmissionState.Accepted }, owner, channel, retryAfter, reason, cancellationToken);
                outage.Failed(retryAfter);
                return retried;
            case KeliwebResult<OpenedTicket>.Uncertain(var reason):
                LogUncertain(s.Id, reason);
                s = s with { State = SubmissionState.Uncertain, NoticeDue = true, LastError = reason };
                break;
            case KeliwebResult<OpenedTicket>.ApiError(var message) error:
                LogFailed(s.Id, message);
                // Keliweb's own refusal is the user's to read; the bot's (refused API keys...) names settings: logs only.
                s = s with
                {
                    State = SubmissionState.Failed, NoticeDue = true, LastError = message,
                    Progress = s.Progress with { FailureMessage = error.ForUsers ? message : null, FailureFromApi = error.ForUsers },
                };
                break;
            case KeliwebResult<OpenedTicket>.NeedsLogin:
                // Refused before open-ticket left (the token request failed): nothing was sent, so it can wait and go later.
                return await signInWait.WaitAsync(s with { State = SubmissionState.Accepted }, owner, channel, cancellationToken);
        }

        await outbox.SaveAsync(s, owner, release: false, cancellationToken);
        return s;
    }

    private async Task<Submission> RetryLaterAsync(Submission s, string owner, IChatChannel? channel, TimeSpan? retryAfter, string reason, CancellationToken ct)
    {
        if (schedule.IsPastDeadline(s))
        {
            return await GiveUpAsync(s, owner, reason, ct);
        }

        LogRetry(s.Id, reason);
        if (!s.QueuedNoticed && channel is not null)
        {
            // Best effort: the user hears the ticket is queued; the number follows when Keliweb is back.
            var posted = await channel.PostNoticeAsync(s.Draft.ReplyTo, s.Draft.Requester, notices.Queued(s), ct);
            s = s with { QueuedNoticed = posted.Status == PostStatus.Posted };
        }

        s = s with { NextAttemptAt = schedule.Next(s, retryAfter), LastError = reason };
        await outbox.SaveAsync(s, owner, release: true, ct);
        return s;
    }

    /// <summary>Keliweb never got it within Tickets:MaxRetryAge: the submission fails, and its user is told so.</summary>
    private async Task<Submission> GiveUpAsync(Submission s, string owner, string reason, CancellationToken ct)
    {
        LogGaveUp(s.Id, reason);
        var failed = s with
        {
            State = SubmissionState.Failed, NoticeDue = true, LastError = reason,
            Progress = s.Progress with { FailureMessage = TicketTexts.For(s.Draft.Requester.Locale).GaveUp },
        };
        await outbox.SaveAsync(failed, owner, release: false, ct);
        return failed;
    }

    private async Task<Submission> HoldAsync(Submission s, string owner, IChatChannel? channel, CancellationToken ct)
    {
        if (schedule.IsPastDeadline(s))
        {
            // Held by the pause since it was accepted: the age limit ends it all the same, and says so.
            return await GiveUpAsync(s, owner, s.LastError ?? "Keliweb was unreachable for longer than Tickets:MaxRetryAge", ct);
        }

        if (!s.QueuedNoticed && channel is not null)
        {
            var posted = await channel.PostNoticeAsync(s.Draft.ReplyTo, s.Draft.Requester, notices.Queued(s), ct);
            s = s with { QueuedNoticed = posted.Status == PostStatus.Posted };
        }

        var paused = outage.PausedUntil > s.NextAttemptAt ? outage.PausedUntil : s.NextAttemptAt;
        var deadline = schedule.Deadline(s);
        s = s with { NextAttemptAt = paused < deadline ? paused : deadline };
        await outbox.SaveAsync(s, owner, release: true, ct);
        return s;
    }

    private TimeSpan LeaseFor() => keliwebOptions.CurrentValue.Timeout + ticketOptions.CurrentValue.LeaseMargin;

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission {SubmissionId} opened ticket {Tid}")]
    private partial void LogOpened(string submissionId, string tid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Submission {SubmissionId} is uncertain: {Reason}")]
    private partial void LogUncertain(string submissionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Submission {SubmissionId} failed: {Reason}")]
    private partial void LogFailed(string submissionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Submission {SubmissionId} is past Tickets:MaxRetryAge and fails: {Reason}")]
    private partial void LogGaveUp(string submissionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission {SubmissionId} will be retried: {Reason}")]
    private partial void LogRetry(string submissionId, string reason);
}
