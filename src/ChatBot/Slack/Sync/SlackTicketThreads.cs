using System.Text.Json.Nodes;
using ChatBot.Linking;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Views;
using ChatBot.Slack.WebApi;
using ChatBot.Sync;
using ChatBot.Tickets;

namespace ChatBot.Slack.Sync;

/// <summary>
/// Slack behind the sync's seam. A ticket's thread is the thread of its announcing message (for a message shortcut, of
/// the original message): staff replies go there (or to the requester's DM with <c>Sync:RepliesIn=private</c>, or when
/// the channel refuses the bot), each with its key in the message metadata; the announcement is kept current with
/// chat.update; a reply that reached the ticket gets a ✅ reaction.
/// </summary>
public sealed partial class SlackTicketThreads(SlackApiClient api, SlackUserDirectory users, ILogger<SlackTicketThreads> logger) : ITicketThreads
{
    public const string AcknowledgedReaction = "white_check_mark";

    /// <summary>Pages of a thread read back to find a post: 1,000 messages.</summary>
    private const int MaxPages = 5;

    /// <summary>Slack's answers that mean the announcement cannot be edited any more.</summary>
    private static readonly HashSet<string> UpdateRefused = ["message_not_found", "cant_update_message", "edit_window_closed", "channel_not_found", "is_archived", "not_in_channel"];

    public string Platform => ChatPlatforms.Slack;

    public IReadOnlyList<string> ThreadKeys(string location) =>
        SlackMessageLocation.Parse(location) is { } at ? [SlackMessageLocation.ThreadKey(at.Channel, at.ThreadRoot)] : [];

    public async Task<ThreadPostResult> PostReplyAsync(TicketConversation conversation, StaffReplyPost reply, CancellationToken cancellationToken)
    {
        SlackApiResult<SlackApiResponse> posted;
        string channel;
        string? thread = null;
        if (conversation.RepliesIn == SyncReplies.Thread && Thread(conversation) is { } place)
        {
            (channel, thread) = place;
            posted = await api.PostMessageAsync(Workspace(conversation), StaffReplyMessages.Build(channel, thread, reply), cancellationToken);
            if (posted.Outcome == SlackApiOutcome.Error && SlackChannel.FallBackToDirectMessage.Contains(posted.Error!))
            {
                // Removed from the channel, or it was archived: the requester still hears it, privately.
                LogFallback(logger, conversation.SubmissionId, posted.Error!);
                (posted, channel) = await DirectAsync(Workspace(conversation), conversation.Requester.UserId, reply, cancellationToken);
                thread = null;
            }
        }
        else
        {
            (posted, channel) = await DirectAsync(Workspace(conversation), conversation.Requester.UserId, reply, cancellationToken);
        }

        return posted.Outcome switch
        {
            SlackApiOutcome.Ok when posted.Value?.Ts is { } ts => ThreadPostResult.PostedAt(new SlackMessageLocation(channel, ts, thread).Serialize()),
            SlackApiOutcome.Ok => ThreadPostResult.PostedAt(null),
            SlackApiOutcome.RateLimited => new ThreadPostResult(ThreadPostStatus.NotPosted, RetryAfter: posted.RetryAfter, Reason: "ratelimited"),
            // A timeout or a 5xx may come after Slack posted it: the next look searches the thread first.
            SlackApiOutcome.Unavailable => new ThreadPostResult(ThreadPostStatus.MaybePosted, Reason: posted.Describe()),
            // A refused token refuses every post: the replies wait for a working one instead of being dropped.
            _ when SlackTokens.IsRefusal(posted.Error) => new ThreadPostResult(ThreadPostStatus.NotPosted, Reason: posted.Describe()),
            _ => new ThreadPostResult(ThreadPostStatus.Refused, Reason: posted.Describe()),
        };
    }

    public async Task<PriorPost> FindReplyAsync(TicketConversation conversation, StaffReplyPost reply, CancellationToken cancellationToken)
    {
        var unknown = false;
        if (Thread(conversation) is { } place)
        {
            switch (await FindAsync(reply.Key, cursor => api.GetRepliesAsync(Workspace(conversation), place.Channel, place.ThreadTs, cursor, cancellationToken), cancellationToken))
            {
                case (PriorPostStatus.Found, var ts):
                    return new PriorPost(PriorPostStatus.Found, new SlackMessageLocation(place.Channel, ts!, place.ThreadTs).Serialize());
                case (PriorPostStatus.Unknown, _):
                    unknown = true;
                    break;
            }
        }

        // The DM: where private replies go, and where a refused thread sends them.
        var opened = await api.OpenDirectMessageAsync(Workspace(conversation), conversation.Requester.UserId, cancellationToken);
        if (opened.Value?.Channel?.Id is not { } direct)
        {
            return PriorPost.Unknown;
        }

        var since = SlackMessageLocation.Parse(conversation.Announcement)?.Ts ?? "0";
        return await FindAsync(reply.Key, cursor => api.GetHistoryAsync(Workspace(conversation), direct, since, cursor, cancellationToken), cancellationToken) switch
        {
            (PriorPostStatus.Found, var ts) => new PriorPost(PriorPostStatus.Found, new SlackMessageLocation(direct, ts!).Serialize()),
            (PriorPostStatus.NotFound, _) when !unknown => PriorPost.NotFound,
            _ => PriorPost.Unknown,
        };
    }

    public async Task<PostResult> ShowStatusAsync(TicketConversation conversation, TicketNotice notice, CancellationToken cancellationToken)
    {
        if (SlackMessageLocation.Parse(conversation.Announcement) is not { } announcement)
        {
            return PostResult.Gave("the announcement's place is unknown");
        }

        var message = NoticeMessages.Public(announcement.Channel, null, notice);
        message["ts"] = announcement.Ts;
        var updated = await api.UpdateMessageAsync(Workspace(conversation), message, cancellationToken);
        return updated.Outcome switch
        {
            SlackApiOutcome.Ok => PostResult.PostedAt(conversation.Announcement),
            SlackApiOutcome.RateLimited => PostResult.Later(updated.RetryAfter, "ratelimited"),
            SlackApiOutcome.Unavailable => PostResult.Later(null, updated.Describe()),
            _ when UpdateRefused.Contains(updated.Error!) => PostResult.Gave(updated.Describe()),
            _ => PostResult.Later(null, updated.Describe()),
        };
    }

    public Task<Requester> AuthorAsync(ThreadMessage message, CancellationToken cancellationToken) =>
        users.RequesterAsync(
            SlackThreadOrigin.Parse(message.Origin)?.Workspace(message.Author) ?? SlackWorkspace.OfTeam(message.Author.TeamId),
            message.Author.UserId, TicketCommandHandler.UserLookupBudget * 2, cancellationToken);

    public async Task<PostResult> AcknowledgeAsync(ThreadMessage message, string text, string? note, CancellationToken cancellationToken)
    {
        if (SlackThreadOrigin.Parse(message.Origin) is not { } origin)
        {
            return PostResult.Gave("unreadable origin");
        }

        var reacted = await api.AddReactionAsync(origin.Workspace(message.Author), origin.Channel, origin.Ts, AcknowledgedReaction, cancellationToken);
        if (reacted.Outcome is SlackApiOutcome.RateLimited or SlackApiOutcome.Unavailable)
        {
            return PostResult.Later(reacted.RetryAfter, reacted.Describe());
        }

        // "already_reacted": a repeated acknowledgement after a crash; the message shows it once either way.
        if (note is not null)
        {
            await TellAuthorAsync(message, text + "\n" + note, cancellationToken);
        }

        return reacted.IsOk || reacted.Error == "already_reacted" ? PostResult.Posted : PostResult.Gave(reacted.Describe());
    }

    public async Task<PostResult> TellAuthorAsync(ThreadMessage message, string text, CancellationToken cancellationToken)
    {
        if (SlackThreadOrigin.Parse(message.Origin) is not { } origin)
        {
            return PostResult.Gave("unreadable origin");
        }

        var escaped = BlockKit.EscapeAndCut(text, BlockKit.MaxSectionTextLength);
        var workspace = origin.Workspace(message.Author);
        var sent = await api.PostEphemeralAsync(
            workspace,
            new JsonObject { ["channel"] = origin.Channel, ["user"] = message.Author.UserId, ["text"] = escaped, ["thread_ts"] = origin.ThreadTs },
            cancellationToken);
        if (sent.Outcome == SlackApiOutcome.Error && SlackChannel.FallBackToDirectMessage.Contains(sent.Error!))
        {
            var opened = await api.OpenDirectMessageAsync(workspace, message.Author.UserId, cancellationToken);
            if (opened.Value?.Channel?.Id is { } direct)
            {
                sent = await api.PostMessageAsync(workspace, new JsonObject { ["channel"] = direct, ["text"] = escaped }, cancellationToken);
            }
        }

        return sent.Outcome switch
        {
            SlackApiOutcome.Ok => PostResult.Posted,
            SlackApiOutcome.RateLimited or SlackApiOutcome.Unavailable => PostResult.Later(sent.RetryAfter, sent.Describe()),
            _ => PostResult.Gave(sent.Describe()),
        };
    }

    /// <summary>The thread of a ticket: its announcement's, or (no announcement known) the message a shortcut was used on.</summary>
    private static (string Channel, string ThreadTs)? Thread(TicketConversation conversation) =>
        SlackMessageLocation.Parse(conversation.Announcement) is { } announcement
            ? (announcement.Channel, announcement.ThreadRoot)
            : SlackReplyTarget.Parse(conversation.ReplyTo) is { ThreadTs: { } thread } target ? (target.Channel, thread) : null;

    /// <summary>The installation the ticket was asked through: its thread, its announcement and its requester's DM are there.</summary>
    private static SlackWorkspace Workspace(TicketConversation conversation) => SlackWorkspace.Of(conversation.Requester);

    private async Task<(SlackApiResult<SlackApiResponse> Posted, string Channel)> DirectAsync(
        SlackWorkspace workspace, string userId, StaffReplyPost reply, CancellationToken ct)
    {
        var opened = await api.OpenDirectMessageAsync(workspace, userId, ct);
        if (!opened.IsOk || opened.Value?.Channel?.Id is not { } channel)
        {
            return (new SlackApiResult<SlackApiResponse>(opened.Outcome, null, opened.Error, opened.RetryAfter), "");
        }

        return (await api.PostMessageAsync(workspace, StaffReplyMessages.Build(channel, null, reply), ct), channel);
    }

    /// <summary>Reads pages until the post with <paramref name="key"/> is found, the conversation ends, or a read fails.</summary>
    private static async Task<(PriorPostStatus Status, string? Ts)> FindAsync(
        string key, Func<string?, Task<SlackApiResult<ConversationMessagesResponse>>> page, CancellationToken ct)
    {
        string? cursor = null;
        for (var i = 0; i < MaxPages; i++)
        {
            ct.ThrowIfCancellationRequested();
            var read = await page(cursor);
            if (!read.IsOk || read.Value is not { } messages)
            {
                return (PriorPostStatus.Unknown, null);
            }

            if ((messages.Messages ?? []).OfType<HistoryMessage>().FirstOrDefault(m => StaffReplyMessages.Carries(m, key)) is { Ts: { } ts })
            {
                return (PriorPostStatus.Found, ts);
            }

            cursor = messages.ResponseMetadata?.NextCursor;
            if (messages.HasMore != true || string.IsNullOrEmpty(cursor))
            {
                return (PriorPostStatus.NotFound, null);
            }
        }

        return (PriorPostStatus.Unknown, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff reply for submission {SubmissionId} went to the requester's DM: the thread refused ({Error})")]
    private static partial void LogFallback(ILogger logger, string submissionId, string error);
}
