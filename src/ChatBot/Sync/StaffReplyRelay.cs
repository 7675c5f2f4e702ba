using ChatBot.Keliweb;

namespace ChatBot.Sync;

/// <summary>
/// Brings one staff reply into chat exactly once. Posting is marked before the post leaves; a mark found still
/// Posting (the process died after the post, or a timeout left it open) is resolved by asking the platform whether the
/// reply is there: Slack finds it by the key in the message's metadata; where the platform cannot look (Teams), the
/// reply is posted again with a visible note that it may be a repeat, so nothing is lost and nothing repeats silently.
/// </summary>
public sealed partial class StaffReplyRelay(FollowedTicketStore store, ReplyPostLog posts, ILogger<StaffReplyRelay> logger)
{
    public async Task<RelayOutcome> RelayAsync(
        FollowedTicket ticket, TicketConversation conversation, KeliwebTicketReply reply, SyncTexts texts, ITicketThreads threads, string owner,
        TimeSpan lease, CancellationToken cancellationToken)
    {
        var state = await posts.StateAsync(ticket.SubmissionId, reply.ReplyId, cancellationToken);
        if (state is ReplyPostState.Posted or ReplyPostState.Failed)
        {
            return RelayOutcome.Done;
        }

        var post = Build(ticket, reply, texts);
        if (state == ReplyPostState.Posting)
        {
            var prior = await threads.FindReplyAsync(conversation, post, cancellationToken);
            if (prior.Status == PriorPostStatus.Found)
            {
                LogFoundEarlier(ticket.SubmissionId, reply.ReplyId);
                await PostedAsync(ticket, reply, threads, prior.Location, cancellationToken);
                return RelayOutcome.Done;
            }

            if (prior.Status == PriorPostStatus.Unknown)
            {
                LogRepeating(ticket.SubmissionId, reply.ReplyId);
                post = post with { RepeatNote = texts.MayBeRepeated };
            }
        }
        else if (!await posts.MarkPostingAsync(ticket.SubmissionId, reply.ReplyId, owner, cancellationToken))
        {
            return RelayOutcome.Lost;
        }

        if (!await store.RenewAsync(ticket.SubmissionId, owner, lease, cancellationToken))
        {
            return RelayOutcome.Lost;
        }

        var result = await threads.PostReplyAsync(conversation, post, cancellationToken);
        switch (result.Status)
        {
            case ThreadPostStatus.Posted:
                await PostedAsync(ticket, reply, threads, result.Location, cancellationToken);
                LogPosted(ticket.SubmissionId, ticket.Tid, reply.ReplyId);
                return RelayOutcome.Done;
            case ThreadPostStatus.NotPosted:
                await posts.ForgetAsync(ticket.SubmissionId, reply.ReplyId, cancellationToken);
                LogLater(ticket.SubmissionId, reply.ReplyId, result.Reason);
                return RelayOutcome.Later(result.RetryAfter);
            case ThreadPostStatus.MaybePosted:
                LogLater(ticket.SubmissionId, reply.ReplyId, result.Reason);
                return RelayOutcome.Later(result.RetryAfter);
            default:
                await posts.MarkAsync(ticket.SubmissionId, reply.ReplyId, ReplyPostState.Failed, null, result.Reason, cancellationToken);
                LogRefused(ticket.SubmissionId, reply.ReplyId, result.Reason);
                return RelayOutcome.Done;
        }
    }

    /// <summary>The post for a reply; its key is the same every time, for this ticket and this reply alone.</summary>
    public static StaffReplyPost Build(FollowedTicket ticket, KeliwebTicketReply reply, SyncTexts texts) => new(
        Key(ticket.SubmissionId, reply.ReplyId),
        texts.StaffReplied(reply.Admin, ticket.Tid),
        StaffReplyText.Format(reply.Message),
        reply.Attachments.Count > 0 ? texts.Attachments(string.Join(", ", reply.Attachments)) : null,
        null,
        texts.Culture);

    public static string Key(string submissionId, long replyId) => submissionId + ":" + replyId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task PostedAsync(FollowedTicket ticket, KeliwebTicketReply reply, ITicketThreads threads, string? location, CancellationToken ct)
    {
        await posts.MarkAsync(ticket.SubmissionId, reply.ReplyId, ReplyPostState.Posted, location, null, ct);
        if (location is not null)
        {
            // In a chat without threads the reply itself is where people answer: replying to it reaches the ticket.
            await store.AddThreadKeysAsync(ticket.SubmissionId, threads.ThreadKeys(location), ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff reply {ReplyId} of ticket {Tid} posted (submission {SubmissionId})")]
    private partial void LogPosted(string submissionId, string tid, long replyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff reply {ReplyId} of submission {SubmissionId} was already in chat: marked posted")]
    private partial void LogFoundEarlier(string submissionId, long replyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff reply {ReplyId} of submission {SubmissionId} may already be in chat and the platform cannot tell: posted again with a note")]
    private partial void LogRepeating(string submissionId, long replyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff reply {ReplyId} of submission {SubmissionId} will be posted later: {Reason}")]
    private partial void LogLater(string submissionId, long replyId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff reply {ReplyId} of submission {SubmissionId} was refused by chat: {Reason}")]
    private partial void LogRefused(string submissionId, long replyId, string? reason);
}

/// <summary>How far one reply got.</summary>
public sealed record RelayOutcome(RelayStatus Status, TimeSpan? RetryAfter = null)
{
    public static readonly RelayOutcome Done = new(RelayStatus.Done);
    public static readonly RelayOutcome Lost = new(RelayStatus.Lost);

    public static RelayOutcome Later(TimeSpan? retryAfter) => new(RelayStatus.Later, retryAfter);
}

public enum RelayStatus
{
    /// <summary>Posted, or refused for good: the next reply may follow.</summary>
    Done,
    /// <summary>Not now; this reply and the ones after it wait for the next look.</summary>
    Later,
    /// <summary>The lease went to another worker: stop without writing.</summary>
    Lost,
}
