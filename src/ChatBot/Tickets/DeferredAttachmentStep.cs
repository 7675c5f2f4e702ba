using ChatBot.Keliweb;
using Microsoft.Extensions.Options;

namespace ChatBot.Tickets;

/// <summary>
/// Sends the files that did not fit into open-ticket with add-ticket-reply on the new ticket, one planned reply
/// at a time. Like open-ticket, a reply is never retried once it may have been received.
/// </summary>
public sealed partial class DeferredAttachmentStep(
    TicketOutbox outbox,
    KeliwebClient keliweb,
    FileStager stager,
    RetrySchedule schedule,
    IOptionsMonitor<KeliwebOptions> keliwebOptions,
    IOptionsMonitor<TicketsOptions> ticketOptions,
    ILogger<DeferredAttachmentStep> logger)
{
    public async Task<Submission> RunAsync(Submission s, string owner, IChatChannel? channel, CancellationToken cancellationToken)
    {
        if (s.Progress.ReplyInFlight is { } crashed)
        {
            LogReplyUncertain(s.Id, crashed);
            s = s with { Progress = WithReplyFiles(s, crashed, f => f with { Status = StagedFileStatus.Skipped, SkipReason = FileSkipReason.Uncertain }).Progress with { ReplyInFlight = null } };
            await outbox.SaveAsync(s, owner, release: false, cancellationToken);
        }

        var replies = s.Progress.Files.Where(f => f.Status == StagedFileStatus.Deferred).Select(f => f.Reply).Distinct().Order().ToList();
        var total = s.Progress.Files.Where(f => f.Reply > 0).Select(f => f.Reply).DefaultIfEmpty(0).Max();
        var texts = TicketTexts.For(s.Draft.Requester.Locale);
        foreach (var reply in replies)
        {
            var files = new List<StagedFile>();
            foreach (var file in s.Progress.Files.Where(f => f.Reply == reply && f.Status == StagedFileStatus.Deferred))
            {
                files.Add(channel is null ? file : await stager.EnsureOnDiskAsync(s.Id, file, s.Draft, channel, cancellationToken));
            }

            s = s with { Progress = s.Progress with { ReplyInFlight = reply } };
            if (!await outbox.SaveAsync(s, owner, release: false, cancellationToken, extendLease: keliwebOptions.CurrentValue.Timeout + ticketOptions.CurrentValue.LeaseMargin))
            {
                return s;
            }

            var request = SubmissionRequests.Reply(
                s, s.Ticket!.TicketId, texts.ReplyWithFiles(reply, total),
                files.Where(f => f.Path is not null).Select(f => new AttachmentFile(f.Name, f.Path!)).ToList());
            var result = await keliweb.AddTicketReplyAsync(s.AccountId!, request, CancellationToken.None);
            switch (result)
            {
                case KeliwebResult<TicketReplyAdded>.Success:
                    s = WithReplyFiles(s, reply, f => f with { Status = StagedFileStatus.AttachedInReply });
                    break;
                case KeliwebResult<TicketReplyAdded>.NotSent(var reason, _) when schedule.IsPastDeadline(s):
                    // The ticket exists; after this long the files are reported as not attached and the number is posted.
                    s = WithReplyFiles(s, reply, f => f with { Status = StagedFileStatus.Skipped, SkipReason = FileSkipReason.Rejected, Detail = reason });
                    break;
                case KeliwebResult<TicketReplyAdded>.NotSent(var reason, var retryAfter):
                    LogReplyRetry(s.Id, reply, reason);
                    s = s with
                    {
                        Progress = s.Progress with { ReplyInFlight = null },
                        Attempts = s.Attempts + 1,
                        NextAttemptAt = schedule.Next(s, retryAfter),
                        LastError = reason,
                    };
                    await outbox.SaveAsync(s, owner, release: true, cancellationToken);
                    return s;
                case KeliwebResult<TicketReplyAdded>.Uncertain(var reason):
                    LogReplyUncertain(s.Id, reply);
                    s = WithReplyFiles(s, reply, f => f with { Status = StagedFileStatus.Skipped, SkipReason = FileSkipReason.Uncertain, Detail = reason });
                    break;
                default:
                    s = WithReplyFiles(s, reply, f => f with { Status = StagedFileStatus.Skipped, SkipReason = FileSkipReason.Rejected, Detail = Describe(result) });
                    break;
            }

            s = s with { Progress = s.Progress with { ReplyInFlight = null } };
            await outbox.SaveAsync(s, owner, release: false, cancellationToken);
        }

        return s;
    }

    private static Submission WithReplyFiles(Submission s, int reply, Func<StagedFile, StagedFile> change) =>
        s with
        {
            Progress = s.Progress with
            {
                Files = [.. s.Progress.Files.Select(f => f.Reply == reply && f.Status == StagedFileStatus.Deferred ? change(f) : f)],
            },
        };

    private static string Describe(KeliwebResult<TicketReplyAdded> result) => result switch
    {
        KeliwebResult<TicketReplyAdded>.ApiError(var message) => message,
        KeliwebResult<TicketReplyAdded>.NeedsLogin(_, var reason) => reason,
        _ => result.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply {Reply} of submission {SubmissionId} may or may not have reached Keliweb")]
    private partial void LogReplyUncertain(string submissionId, int reply);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply {Reply} of submission {SubmissionId} will be retried: {Reason}")]
    private partial void LogReplyRetry(string submissionId, int reply, string reason);
}
