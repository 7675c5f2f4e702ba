using ChatBot.Keliweb;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Sync;

/// <summary>
/// Chat to Keliweb: drives one inbox row a step further. The author's right to reply is checked (a hint once per
/// thread otherwise), the files are fetched under the ticket rules (extensions, sizes, Keliweb's request budget; what
/// does not fit follows in further replies), add-ticket-reply is sent with a "Sending" mark before it, and the chat is
/// told (a reaction, a short reply). add-ticket-reply has no idempotency key either: a mark found again, or an answer
/// that never came, is settled by get-ticket, which shows whether the reply is on the ticket.
/// </summary>
public sealed partial class ThreadReplyProcessor(
    ThreadInbox inbox,
    FollowedTicketStore follows,
    TicketOutbox outbox,
    ReplyEntitlement entitlement,
    KeliwebClient keliweb,
    ChatChannels chats,
    TicketThreadChannels channels,
    FileStager stager,
    KeliwebOutage outage,
    RetrySchedule schedule,
    IOptionsMonitor<KeliwebOptions> keliwebOptions,
    IOptionsMonitor<TicketsOptions> ticketOptions,
    TimeProvider time,
    ILogger<ThreadReplyProcessor> logger)
{
    /// <summary>How long an unconfirmed reply waits before get-ticket is asked whether it arrived.</summary>
    private static readonly TimeSpan VerifyAfter = TimeSpan.FromMinutes(1);

    public async Task ProcessAsync(ThreadReply row, string owner, CancellationToken cancellationToken)
    {
        var submission = await outbox.GetAsync(row.SubmissionId, cancellationToken);
        var follow = await follows.GetAsync(row.SubmissionId, cancellationToken);
        if (row.Message is not { } message || submission?.Ticket is null || follow is null)
        {
            await EndAsync(row, ThreadReplyState.Ignored, owner, cancellationToken);
            return;
        }

        if (channels.Find(message.Author.Platform) is not { } threads || chats.Find(message.Author.Platform) is not { } chat)
        {
            await LaterAsync(row, owner, null, $"no chat platform '{message.Author.Platform}' is enabled", cancellationToken);
            return;
        }

        var step = new Step(row, message, submission, follow, threads, chat, owner);
        if (row.State == ThreadReplyState.Sending)
        {
            step = await VerifyAsync(step, cancellationToken);
        }

        if (step.Held && step.Row.State == ThreadReplyState.Accepted)
        {
            step = await SendAsync(step, cancellationToken);
        }

        if (step.Row.State == ThreadReplyState.Sent && step.Held)
        {
            step = await FollowUpAsync(step, cancellationToken);
        }

        if (step.Row.State == ThreadReplyState.Sent && step.Held)
        {
            await AcknowledgeAsync(step, cancellationToken);
        }
    }

    private async Task<Step> SendAsync(Step step, CancellationToken ct)
    {
        var (row, message, submission) = (step.Row, step.Message, step.Submission);
        var replyAs = await entitlement.CheckAsync(message.Author, submission, ct);
        if (replyAs is null)
        {
            var hinted = await inbox.FirstHintAsync(message.ThreadKey, message.Author.UserId, ct);
            if (hinted)
            {
                var author = await step.Threads.AuthorAsync(message, ct);
                await step.Threads.TellAuthorAsync(message, SyncTexts.For(author.Locale).NotYours(step.Follow.Tid), ct);
            }

            LogNotEntitled(submission.Id, message.Author.TeamId, message.Author.UserId, hinted);
            await EndAsync(row, hinted ? ThreadReplyState.Hinted : ThreadReplyState.Ignored, step.Owner, ct);
            return step.Stop();
        }

        if (outage.IsPaused)
        {
            await LaterAsync(row, step.Owner, outage.PausedUntil, "Keliweb is unreachable", ct);
            return step.Stop();
        }

        var requester = await step.Threads.AuthorAsync(message, ct);
        var files = row.Progress.Files;
        await inbox.RenewAsync(row.Id, step.Owner, Lease(), ct);
        if (files is null)
        {
            files = message.Files.Count == 0 ? [] : await stager.StageAsync(Folder(row), message.Files, FilesOwner(step), step.Chat, ct);
        }
        else
        {
            for (var i = 0; i < files.Count; i++)
            {
                if (files[i].Status is StagedFileStatus.Ready or StagedFileStatus.Deferred)
                {
                    files[i] = await stager.EnsureOnDiskAsync(Folder(row), files[i], message.Files[files[i].Index], FilesOwner(step), step.Chat, ct);
                }
            }
        }

        var text = Body(message, requester);
        var budget = keliwebOptions.CurrentValue.MaxRequestBytes;
        files = AttachmentPlanner.Plan(
            [.. files.Select(f => f.Status == StagedFileStatus.Deferred ? f with { Status = StagedFileStatus.Ready, Reply = 0 } : f)],
            budget - AttachmentEncoding.RequestOverhead(Request(step, replyAs, text, [])),
            budget - AttachmentEncoding.RequestOverhead(Request(step, replyAs, TicketTexts.For(requester.Locale).ReplyWithFiles(99, 99), [], int.MaxValue)));
        var request = Request(step, replyAs, text, [.. files.Where(f => f.Status == StagedFileStatus.Ready).Select(f => new AttachmentFile(f.Name, f.Path!))]);
        row = row with
        {
            State = ThreadReplyState.Sending,
            Attempts = row.Attempts + 1,
            SentFingerprint = ReplyFingerprint.Of(text),
            Progress = row.Progress with { Files = files, ReplyAs = replyAs },
        };
        if (!await inbox.SaveAsync(row, step.Owner, release: false, ct))
        {
            return step.Lost();
        }

        // Not the stopping token: abandoning the request mid-flight would only make its outcome unknown.
        var result = await keliweb.AddTicketReplyAsync(submission.AccountId!, request, CancellationToken.None);
        switch (result)
        {
            case KeliwebResult<TicketReplyAdded>.Success:
                outage.Succeeded();
                LogAdded(submission.Id, step.Follow.Tid, message.Author.UserId);
                return await SentAsync(step with { Row = row }, ct);
            case KeliwebResult<TicketReplyAdded>.NotSent(var reason, var retryAfter):
                outage.Failed(retryAfter);
                await LaterAsync(row with { State = ThreadReplyState.Accepted }, step.Owner, schedule.Next(row.Attempts, retryAfter), reason, ct);
                return step.Stop();
            case KeliwebResult<TicketReplyAdded>.Uncertain(var reason):
                LogUnconfirmed(submission.Id, reason);
                await LaterAsync(row, step.Owner, time.GetUtcNow() + VerifyAfter, reason, ct);
                return step.Stop();
            default:
                var refusal = result is KeliwebResult<TicketReplyAdded>.ApiError(var apiMessage) ? apiMessage : ((KeliwebResult<TicketReplyAdded>.NeedsLogin)result).Reason;
                LogRefused(submission.Id, refusal);
                var texts = SyncTexts.For(requester.Locale);
                await step.Threads.TellAuthorAsync(
                    message, texts.ReplyFailed(step.Follow.Tid, WhmcsMessages.Localize(refusal, TicketTexts.For(requester.Locale))), ct);
                await EndAsync(row with { LastError = refusal }, ThreadReplyState.Failed, step.Owner, ct);
                return step.Stop();
        }
    }

    /// <summary>A reply marked Sending whose answer never came: get-ticket says whether it is on the ticket.</summary>
    private async Task<Step> VerifyAsync(Step step, CancellationToken ct)
    {
        var row = step.Row;
        if (time.GetUtcNow() - row.CreatedAt > ticketOptions.CurrentValue.MaxRetryAge)
        {
            var author = await step.Threads.AuthorAsync(step.Message, ct);
            await step.Threads.TellAuthorAsync(step.Message, SyncTexts.For(author.Locale).ReplyUncertain(step.Follow.Tid), ct);
            await EndAsync(row, ThreadReplyState.Uncertain, step.Owner, ct);
            return step.Stop();
        }

        var read = await keliweb.GetTicketAsync(step.Follow.AccountId, step.Follow.TicketId, null, ct);
        if (read is not KeliwebResult<KeliwebTicket>.Success(var ticket))
        {
            if (read is KeliwebResult<KeliwebTicket>.NotSent(_, var retryAfter))
            {
                outage.Failed(retryAfter);
            }

            await LaterAsync(row, step.Owner, time.GetUtcNow() + VerifyAfter, "get-ticket did not answer: the reply is not confirmed yet", ct);
            return step.Stop();
        }

        if (ticket.Replies.Any(r => !r.IsStaff && ReplyFingerprint.Of(r.Message) == row.SentFingerprint))
        {
            LogConfirmed(row.SubmissionId);
            return await SentAsync(step, ct);
        }

        // Keliweb answers and the reply is not there: it never arrived, and goes again.
        LogNotArrived(row.SubmissionId);
        return step with { Row = row with { State = ThreadReplyState.Accepted } };
    }

    private async Task<Step> SentAsync(Step step, CancellationToken ct)
    {
        var row = step.Row;
        row = row with
        {
            State = ThreadReplyState.Sent,
            SentAt = time.GetUtcNow(),
            LastError = null,
            Progress = row.Progress with
            {
                Files = [.. row.Progress.StagedFiles.Select(f => f.Status == StagedFileStatus.Ready ? f with { Status = StagedFileStatus.Attached } : f)],
            },
        };
        if (!await inbox.SaveAsync(row, step.Owner, release: false, ct))
        {
            return step.Lost();
        }

        // Staff usually answer soon, and a reply reopens a closed ticket: the sync looks now.
        await follows.WakeAsync(row.SubmissionId, ct);
        return step with { Row = row };
    }

    /// <summary>Files that did not fit the reply go in further ones, each marked before it leaves (<see cref="DeferredAttachmentStep"/>'s rule).</summary>
    private async Task<Step> FollowUpAsync(Step step, CancellationToken ct)
    {
        var row = step.Row;
        if (row.Progress.ReplyInFlight is { } crashed)
        {
            // Found in flight: it may or may not be on the ticket, and is said so; never sent twice.
            row = WithPart(row, crashed, f => f with { Status = StagedFileStatus.Skipped, SkipReason = FileSkipReason.Uncertain });
            row = row with { Progress = row.Progress with { ReplyInFlight = null } };
        }

        var files = row.Progress.StagedFiles;
        var parts = files.Where(f => f.Status == StagedFileStatus.Deferred).Select(f => f.Reply).Distinct().Order().ToList();
        var total = files.Where(f => f.Reply > 0).Select(f => f.Reply).DefaultIfEmpty(0).Max();
        var replyAs = row.Progress.ReplyAs ?? new ReplyAs(step.Submission.ClientId, step.Submission.ContactId, step.Submission.Guest);
        foreach (var part in parts)
        {
            var onDisk = new List<StagedFile>();
            foreach (var file in row.Progress.StagedFiles.Where(f => f.Reply == part && f.Status == StagedFileStatus.Deferred))
            {
                onDisk.Add(await stager.EnsureOnDiskAsync(Folder(row), file, step.Message.Files[file.Index], FilesOwner(step), step.Chat, ct));
            }

            row = row with { Progress = row.Progress with { ReplyInFlight = part } };
            if (!await inbox.SaveAsync(row, step.Owner, release: false, ct) || !await inbox.RenewAsync(row.Id, step.Owner, Lease(), ct))
            {
                return step.Lost();
            }

            var label = TicketTexts.For(step.Message.Locale ?? step.Submission.Draft.Requester.Locale).ReplyWithFiles(part, total);
            var request = Request(step, replyAs, label, [.. onDisk.Where(f => f.Path is not null).Select(f => new AttachmentFile(f.Name, f.Path!))]);
            var result = await keliweb.AddTicketReplyAsync(step.Submission.AccountId!, request, CancellationToken.None);
            switch (result)
            {
                case KeliwebResult<TicketReplyAdded>.Success:
                    row = WithPart(row, part, f => f with { Status = StagedFileStatus.AttachedInReply });
                    break;
                case KeliwebResult<TicketReplyAdded>.NotSent(var reason, var retryAfter) when time.GetUtcNow() - row.CreatedAt <= ticketOptions.CurrentValue.MaxRetryAge:
                    outage.Failed(retryAfter);
                    await LaterAsync(row with { Progress = row.Progress with { ReplyInFlight = null } }, step.Owner, schedule.Next(row.Attempts, retryAfter), reason, ct);
                    return step.Stop();
                case KeliwebResult<TicketReplyAdded>.Uncertain:
                    row = WithPart(row, part, f => f with { Status = StagedFileStatus.Skipped, SkipReason = FileSkipReason.Uncertain });
                    break;
                default:
                    row = WithPart(row, part, f => f with { Status = StagedFileStatus.Skipped, SkipReason = FileSkipReason.Rejected });
                    break;
            }

            row = row with { Progress = row.Progress with { ReplyInFlight = null } };
        }

        return step with { Row = row };
    }

    private async Task AcknowledgeAsync(Step step, CancellationToken ct)
    {
        var row = step.Row;
        var author = await step.Threads.AuthorAsync(step.Message, ct);
        var texts = SyncTexts.For(author.Locale);
        var result = await step.Threads.AcknowledgeAsync(step.Message, texts.Added(step.Follow.Tid), NotAttached(row, TicketTexts.For(author.Locale)), ct);
        if (result.Status == PostStatus.Retry && time.GetUtcNow() - row.CreatedAt <= ticketOptions.CurrentValue.MaxRetryAge)
        {
            await LaterAsync(row, step.Owner, schedule.Next(row.Attempts, result.RetryAfter), result.Reason ?? "chat busy", ct);
            return;
        }

        stager.Delete(Folder(row));
        await EndAsync(row with { Progress = row.Progress with { Acknowledged = true } }, ThreadReplyState.Done, step.Owner, ct);
    }

    /// <summary>What the reply says on the ticket: the message (or a note that only files came), and who wrote it where.</summary>
    private static string Body(ThreadMessage message, Requester author)
    {
        var text = message.Text.Trim();
        if (text.Length == 0)
        {
            text = SyncTexts.For(author.Locale).FilesOnly;
        }

        var platform = author.Platform == Linking.ChatPlatforms.Teams ? "Microsoft Teams" : "Slack";
        return author.DisplayName.Length == 0 ? text : $"{text}\n\n— {author.DisplayName} ({platform})";
    }

    /// <summary>
    /// Whose credentials fetch the reply's files: the ticket's requester's installation, the one whose thread it is
    /// (a reply's author may be anyone linked to the same account, the files are in the ticket's conversation).
    /// </summary>
    private static Requester FilesOwner(Step step) => step.Submission.Draft.Requester;

    private static AddTicketReplyRequest Request(Step step, ReplyAs replyAs, string text, IReadOnlyList<AttachmentFile> files, int? ticketId = null)
    {
        var requester = step.Submission.Draft.Requester;
        return new AddTicketReplyRequest(
            ticketId ?? step.Follow.TicketId,
            text,
            ClientId: replyAs.Guest ? null : replyAs.ClientId,
            ContactId: replyAs.Guest || replyAs.ClientId is null ? null : replyAs.ContactId,
            Name: replyAs.Guest ? requester.DisplayName : null,
            Email: replyAs.Guest ? requester.Email : null,
            Attachments: files);
    }

    private static string? NotAttached(ThreadReply row, TicketTexts texts)
    {
        var skipped = row.Progress.StagedFiles.Where(f => f.Status == StagedFileStatus.Skipped).ToList();
        return skipped.Count == 0 ? null
            : texts.NotAttachedFiles + ": " + string.Join(", ", skipped.Select(f => $"{f.Name} ({texts.SkipReason(f.SkipReason)})")) + ".";
    }

    private static ThreadReply WithPart(ThreadReply row, int part, Func<StagedFile, StagedFile> change) =>
        row with
        {
            Progress = row.Progress with
            {
                Files = [.. row.Progress.StagedFiles.Select(f => f.Reply == part && f.Status == StagedFileStatus.Deferred ? change(f) : f)],
            },
        };

    private static string Folder(ThreadReply row) => "reply-" + row.Id;

    private TimeSpan Lease() => keliwebOptions.CurrentValue.Timeout + ticketOptions.CurrentValue.LeaseMargin;

    private Task LaterAsync(ThreadReply row, string owner, DateTimeOffset? next, string reason, CancellationToken ct)
    {
        if (time.GetUtcNow() - row.CreatedAt > ticketOptions.CurrentValue.MaxRetryAge && row.State == ThreadReplyState.Accepted)
        {
            // Never sent, and too late now: said to nobody but the log, since the author saw no acknowledgement.
            LogGaveUp(row.SubmissionId, reason);
            return EndAsync(row with { LastError = reason }, ThreadReplyState.Failed, owner, ct);
        }

        return inbox.SaveAsync(row with { NextAttemptAt = next ?? schedule.Next(row.Attempts, null), LastError = reason }, owner, release: true, ct);
    }

    private async Task EndAsync(ThreadReply row, ThreadReplyState state, string owner, CancellationToken ct)
    {
        stager.Delete(Folder(row));
        await inbox.SaveAsync(row with { State = state }, owner, release: true, ct);
    }

    /// <summary>One pass over a row: what it is now, and whether this worker still holds it.</summary>
    private sealed record Step(
        ThreadReply Row, ThreadMessage Message, Submission Submission, FollowedTicket Follow, ITicketThreads Threads, IChatChannel Chat, string Owner, bool Held = true)
    {
        /// <summary>The row was saved and let go (a later attempt, an end): nothing more this pass.</summary>
        public Step Stop() => this with { Held = false };

        /// <summary>Another worker holds the row now: nothing more this pass, nothing written.</summary>
        public Step Lost() => this with { Held = false };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat reply added to ticket {Tid} (submission {SubmissionId}, user {UserId})")]
    private partial void LogAdded(string submissionId, string tid, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat reply in the thread of submission {SubmissionId} not sent: team {TeamId} user {UserId} may not reply (hinted: {Hinted})")]
    private partial void LogNotEntitled(string submissionId, string teamId, string userId, bool hinted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat reply to submission {SubmissionId} unconfirmed; get-ticket will tell: {Reason}")]
    private partial void LogUnconfirmed(string submissionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat reply to submission {SubmissionId} found on the ticket: sent")]
    private partial void LogConfirmed(string submissionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat reply to submission {SubmissionId} is not on the ticket: sent again")]
    private partial void LogNotArrived(string submissionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keliweb refused a chat reply to submission {SubmissionId}: {Reason}")]
    private partial void LogRefused(string submissionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up a chat reply to submission {SubmissionId}: {Reason}")]
    private partial void LogGaveUp(string submissionId, string reason);
}
