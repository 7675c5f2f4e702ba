using System.Diagnostics;
using ChatBot.Alerts;

namespace ChatBot.Tickets;

/// <summary>
/// Drives one claimed submission one step further: open the ticket, send deferred attachments, tell the user.
/// Every external step is preceded by a durable write, so a crash anywhere leaves a state the next claim can act on.
/// </summary>
public sealed partial class SubmissionProcessor(
    TicketOutbox outbox,
    OpenTicketStep openStep,
    DeferredAttachmentStep replyStep,
    TicketNotices notices,
    FileStager stager,
    ChatChannels channels,
    RetrySchedule schedule,
    SubmissionMetrics metrics,
    OperatorAlerts alerts,
    ILogger<SubmissionProcessor> logger)
{
    public async Task ProcessAsync(Submission submission, string owner, CancellationToken cancellationToken)
    {
        using var activity = SubmissionTracing.StartProcessing(submission);
        var channel = channels.Find(submission.Draft.Requester.Platform);
        var s = submission;
        switch (s.State)
        {
            case SubmissionState.Accepted:
                s = await openStep.RunAsync(s, owner, channel, cancellationToken);
                break;
            case SubmissionState.Sending:
                // Claimed again while "Sending": the process that sent it died or lost its lease mid-request.
                // Keliweb has no idempotency key, so the only honest answer is "uncertain".
                LogInterrupted(s.Id);
                s = s with { State = SubmissionState.Uncertain, NoticeDue = true, LastError = "interrupted while open-ticket was in flight" };
                if (!await outbox.SaveAsync(s, owner, release: false, cancellationToken))
                {
                    return;
                }

                break;
        }

        if (s.State == SubmissionState.Opened)
        {
            s = await replyStep.RunAsync(s, owner, channel, cancellationToken);
        }

        var announce = s.State == SubmissionState.Opened && s.Progress.Files.TrueForAll(f => f.Status != StagedFileStatus.Deferred);
        if (announce || (s.NoticeDue && s.State is SubmissionState.Failed or SubmissionState.Uncertain))
        {
            await AnnounceAsync(s, owner, channel, cancellationToken);
        }
    }

    private async Task AnnounceAsync(Submission s, string owner, IChatChannel? channel, CancellationToken cancellationToken)
    {
        var notice = notices.Outcome(s);
        var result = channel is null
            ? PostResult.Later(null, $"no chat channel for platform '{s.Draft.Requester.Platform}' is enabled")
            : await channel.PostNoticeAsync(s.Draft.ReplyTo, s.Draft.Requester, notice, cancellationToken);
        var done = result.Status == PostStatus.Posted
            || result.Status == PostStatus.Failed
            || schedule.IsPastDeadline(s);
        if (!done)
        {
            LogPostRetry(s.Id, result.Reason);
            await outbox.SaveAsync(
                s with { Attempts = s.Attempts + 1, NextAttemptAt = schedule.Next(s, result.RetryAfter), LastError = result.Reason },
                owner,
                release: true,
                cancellationToken);
            return;
        }

        if (result.Status != PostStatus.Posted)
        {
            LogPostGaveUp(s.Id, result.Reason);
        }

        // Announced means the requester was told; a ticket whose notice chat never took is the operator's to hear about.
        var final = s.State != SubmissionState.Opened ? s.State
            : result.Status == PostStatus.Posted ? SubmissionState.Announced
            : SubmissionState.Unannounced;
        var ended = s with { State = final, NoticeDue = false, LastError = result.Reason ?? s.LastError };
        if (await outbox.SaveAsync(ended, owner, release: true, cancellationToken, announcement: result.Location))
        {
            stager.Delete(s.Id);
            LogAnnounced(s.Id, final, notice.TicketNumber);
            metrics.Ended(s.Draft.Requester.Platform, final);
            Activity.Current?.SetTag(SubmissionMetrics.StateTag, final.ToString());
            var requester = s.Draft.Requester;
            if (final is SubmissionState.Failed or SubmissionState.Uncertain)
            {
                alerts.SubmissionEnded(s.Id, final == SubmissionState.Uncertain, requester.Platform, requester.TenantId, requester.UserId,
                    s.LastError, userTold: result.Status == PostStatus.Posted);
            }
            else if (final == SubmissionState.Unannounced)
            {
                alerts.SubmissionUnannounced(s.Id, s.Ticket?.Tid, requester.Platform, requester.TenantId, requester.UserId, ended.LastError);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Submission {SubmissionId} was interrupted while open-ticket was in flight: marked uncertain")]
    private partial void LogInterrupted(string submissionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission {SubmissionId} ended {State}; ticket {Tid}")]
    private partial void LogAnnounced(string submissionId, SubmissionState state, string? tid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting the result of submission {SubmissionId} will be retried: {Reason}")]
    private partial void LogPostRetry(string submissionId, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up posting the result of submission {SubmissionId}: {Reason}")]
    private partial void LogPostGaveUp(string submissionId, string? reason);
}
