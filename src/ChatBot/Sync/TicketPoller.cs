using ChatBot.Keliweb;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Sync;

/// <summary>
/// One look at a followed ticket: get-ticket on behalf of the account that opened it, its new staff replies into chat
/// (<see cref="StaffReplyRelay"/>), its status onto the announcing message, and when to look again. A failure only
/// moves the next look: get-ticket changes nothing, so it is always safe to ask again.
/// </summary>
public sealed partial class TicketPoller(
    FollowedTicketStore store,
    StaffReplyRelay relay,
    ThreadInbox inbox,
    TicketOutbox outbox,
    KeliwebClient keliweb,
    TicketThreadChannels channels,
    TicketNotices notices,
    PollSchedule schedule,
    KeliwebOutage outage,
    IOptionsMonitor<SyncOptions> options,
    IOptionsMonitor<KeliwebOptions> keliwebOptions,
    IOptionsMonitor<TicketsOptions> ticketOptions,
    TimeProvider time,
    ILogger<TicketPoller> logger)
{
    /// <summary>A reply that could not be posted now is tried again this soon, not at the ticket's next interval.</summary>
    private static readonly TimeSpan PostRetry = TimeSpan.FromSeconds(30);

    public async Task PollAsync(FollowedTicket ticket, string owner, CancellationToken cancellationToken)
    {
        var submission = await outbox.GetAsync(ticket.SubmissionId, cancellationToken);
        if (submission?.Ticket is null)
        {
            await store.SaveAsync(ticket with { NextPollAt = null, LastError = "its submission is gone" }, owner, cancellationToken);
            return;
        }

        if (channels.Find(ticket.Platform) is not { } threads)
        {
            await SaveFailureAsync(ticket, owner, $"no chat platform '{ticket.Platform}' is enabled", options.CurrentValue.IdlePollInterval, cancellationToken);
            return;
        }

        var result = await keliweb.GetTicketAsync(ticket.AccountId, ticket.TicketId, null, cancellationToken);
        switch (result)
        {
            case KeliwebResult<KeliwebTicket>.Success(var read):
                outage.Succeeded();
                if (await ApplyAsync(ticket, submission, read, threads, owner, cancellationToken) is { } updated)
                {
                    await store.SaveAsync(updated, owner, cancellationToken);
                }

                return;
            case KeliwebResult<KeliwebTicket>.NotSent(var reason, var retryAfter):
                // The same view of Keliweb as the submissions': an outage pauses both.
                outage.Failed(retryAfter);
                await SaveFailureAsync(ticket, owner, reason, schedule.Backoff(ticket, retryAfter), cancellationToken);
                return;
            case KeliwebResult<KeliwebTicket>.Uncertain(var reason):
                await SaveFailureAsync(ticket, owner, reason, schedule.Backoff(ticket, null), cancellationToken);
                return;
            case KeliwebResult<KeliwebTicket>.NeedsLogin(_, var reason):
                await SaveFailureAsync(ticket, owner, reason, options.CurrentValue.IdlePollInterval, cancellationToken);
                return;
            case KeliwebResult<KeliwebTicket>.ApiError(var message):
                LogRefused(ticket.SubmissionId, ticket.Tid, message);
                // Deleted, merged, or not this account's any more: asked now and then, given up after a week of it.
                var givingUp = time.GetUtcNow() - ticket.LastActivityAt > SyncOptions.GiveUpAfter;
                await store.SaveAsync(
                    ticket with
                    {
                        Failures = ticket.Failures + 1, LastError = message, Interval = options.CurrentValue.IdlePollInterval,
                        NextPollAt = givingUp ? null : schedule.Next(options.CurrentValue.IdlePollInterval),
                    },
                    owner,
                    cancellationToken);
                return;
        }
    }

    /// <summary>What a successful read changes; null when the lease was lost on the way (nothing may be written then).</summary>
    private async Task<FollowedTicket?> ApplyAsync(
        FollowedTicket ticket, Submission submission, KeliwebTicket read, ITicketThreads threads, string owner, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var offset = ticket.ClockOffsetMinutes ?? KeliwebClock.OffsetMinutes(read.Date, ticket.OpenedAt);
        var handled = ticket.LastReplyId ?? StaffReplySelection.Baseline(read.Replies, offset, ticket.AnnouncedAt);
        var sent = await inbox.SentAsync(ticket.SubmissionId, ct);
        bool IsOurs(KeliwebTicketReply reply) => IsFromChat(reply, offset, sent);

        var texts = SyncTexts.For(submission.Draft.Requester.Locale);
        var conversation = new TicketConversation(
            submission.Id, ticket.Tid, submission.Draft.Requester, submission.Draft.ReplyTo, ticket.Announcement, options.CurrentValue.RepliesIn);
        var activity = read.Replies.Any(r => r.ReplyId > handled);
        var lease = keliwebOptions.CurrentValue.Timeout + ticketOptions.CurrentValue.LeaseMargin;
        TimeSpan? retry = null;
        var waiting = false;
        foreach (var reply in StaffReplySelection.New(read.Replies, handled, IsOurs))
        {
            var outcome = await relay.RelayAsync(ticket, conversation, reply, texts, threads, owner, lease, ct);
            if (outcome.Status == RelayStatus.Lost)
            {
                LogLeaseLost(ticket.SubmissionId);
                return null;
            }

            if (outcome.Status == RelayStatus.Later)
            {
                waiting = true;
                retry = outcome.RetryAfter ?? PostRetry;
                break;
            }

            handled = reply.ReplyId;
        }

        if (!waiting && read.Replies.Count > 0)
        {
            handled = Math.Max(handled, read.Replies[^1].ReplyId);
        }

        var status = string.IsNullOrWhiteSpace(read.Status) ? ticket.Status : read.Status.Trim();
        var statusChanged = ticket.Status is not null && status is not null && !string.Equals(ticket.Status, status, StringComparison.Ordinal);
        var shown = await ShowStatusAsync(ticket, submission, conversation, status, texts, threads, ct);
        if (shown.Retry is { } statusRetry)
        {
            retry = retry is { } r && r < statusRetry ? r : statusRetry;
        }

        var active = activity || statusChanged;
        var lastActivity = active ? now : ticket.LastActivityAt;
        var closedAt = string.Equals(status, "Closed", StringComparison.OrdinalIgnoreCase) ? ticket.ClosedAt ?? now : (DateTimeOffset?)null;
        var interval = schedule.Interval(ticket with { LastActivityAt = lastActivity }, active);
        var stop = closedAt is { } closed && now - closed > SyncOptions.FollowAfterClosed;
        if (stop)
        {
            LogStopped(ticket.SubmissionId, ticket.Tid);
        }

        return ticket with
        {
            Status = status,
            StatusShown = shown.Status,
            LastReplyId = handled,
            ClockOffsetMinutes = offset,
            LastActivityAt = lastActivity,
            LastUpdateAt = KeliwebClock.ToUtc(read.LastReply, offset) ?? ticket.LastUpdateAt,
            Interval = interval,
            NextPollAt = stop ? null : retry is { } soon && soon < interval ? now + soon : schedule.Next(interval),
            ClosedAt = closedAt,
            Failures = 0,
            LastError = null,
        };
    }

    /// <summary>The announcing message shows <paramref name="status"/> once; a refusal for good is not asked again for the same status.</summary>
    private async Task<(string? Status, TimeSpan? Retry)> ShowStatusAsync(
        FollowedTicket ticket, Submission submission, TicketConversation conversation, string? status, SyncTexts texts, ITicketThreads threads, CancellationToken ct)
    {
        if (status is null || ticket.Announcement is null || string.Equals(status, ticket.StatusShown, StringComparison.Ordinal))
        {
            return (ticket.StatusShown, null);
        }

        var notice = notices.Outcome(submission);
        notice = (submission.Draft.Subject.Length == 0 ? notice with { PublicText = texts.TicketOnly(ticket.Tid) } : notice) with
        {
            Status = texts.StatusLine(texts.Status(status)),
        };
        var result = await threads.ShowStatusAsync(conversation, notice, ct);
        if (result.Status == PostStatus.Retry)
        {
            return (ticket.StatusShown, result.RetryAfter ?? PostRetry);
        }

        if (result.Status == PostStatus.Failed)
        {
            LogStatusRefused(ticket.SubmissionId, result.Reason);
        }

        return (status, null);
    }

    /// <summary>A reply the bot added from chat, come back: same words, about the same time (whatever the API says its author is).</summary>
    private static bool IsFromChat(KeliwebTicketReply reply, int? offset, IReadOnlyList<SentReply> sent)
    {
        if (sent.Count == 0)
        {
            return false;
        }

        var fingerprint = ReplyFingerprint.Of(reply.Message);
        var at = KeliwebClock.ToUtc(reply.Date, offset);
        return sent.Any(s => s.Fingerprint == fingerprint && (at is null || (at.Value - s.At).Duration() < ReplyFingerprint.Window));
    }

    private async Task SaveFailureAsync(FollowedTicket ticket, string owner, string reason, TimeSpan wait, CancellationToken ct)
    {
        LogFailed(ticket.SubmissionId, reason);
        await store.SaveAsync(
            ticket with { Failures = ticket.Failures + 1, LastError = reason, Interval = wait, NextPollAt = schedule.Next(wait) }, owner, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading ticket of submission {SubmissionId} failed, tried again later: {Reason}")]
    private partial void LogFailed(string submissionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keliweb refused to show ticket {Tid} (submission {SubmissionId}): {Message}")]
    private partial void LogRefused(string submissionId, string tid, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {Tid} closed a week ago: no longer followed (submission {SubmissionId})")]
    private partial void LogStopped(string submissionId, string tid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The status of submission {SubmissionId} could not be shown: {Reason}")]
    private partial void LogStatusRefused(string submissionId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Submission {SubmissionId}: the sync lease was lost mid-look; another worker goes on")]
    private partial void LogLeaseLost(string submissionId);
}

/// <summary>A reply the bot added from chat: what it said (<see cref="ReplyFingerprint"/>) and when.</summary>
public sealed record SentReply(string Fingerprint, DateTimeOffset At);
