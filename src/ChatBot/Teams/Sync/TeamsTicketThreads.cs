using System.Text.Json.Nodes;
using ChatBot.Linking;
using ChatBot.Sync;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Authentication;
using ChatBot.Teams.Cards;
using ChatBot.Teams.Connector;
using ChatBot.Tickets;

namespace ChatBot.Teams.Sync;

/// <summary>
/// Teams behind the sync's seam. A staff reply goes into the ticket's conversation: in a channel, as a reply in the
/// announcement's thread; in a chat, as a message of that chat (or only to the requester's 1:1 chat with
/// <c>Sync:RepliesIn=private</c>, or when the conversation refuses the bot). The announcing card is kept current with
/// an update of that activity. The Bot Framework cannot read a conversation back, so a post whose outcome is unknown
/// (a crash, a timeout) is posted again with a visible note that it may be a repeat: nothing is lost, nothing repeats
/// silently. A reply that reached the ticket is acknowledged with a short message; someone else is told in their 1:1 chat.
/// </summary>
public sealed partial class TeamsTicketThreads(TeamsConnectorClient connector, TeamsChannel channel, TrustedServiceUrls trust, ILogger<TeamsTicketThreads> logger)
    : ITicketThreads
{
    public string Platform => ChatPlatforms.Teams;

    public IReadOnlyList<string> ThreadKeys(string location) => TeamsMessageLocation.Parse(location) is { } at ? [at.ThreadKey] : [];

    public async Task<ThreadPostResult> PostReplyAsync(TicketConversation conversation, StaffReplyPost reply, CancellationToken cancellationToken)
    {
        if (TeamsReplyTo.Parse(conversation.ReplyTo) is not { ServiceUrl.Length: > 0 } target)
        {
            return new ThreadPostResult(ThreadPostStatus.Refused, Reason: "not a Teams reply target");
        }

        Trust(target);
        var card = Card(reply);
        var announcement = TeamsMessageLocation.Parse(conversation.Announcement);
        var inConversation = conversation.RepliesIn == SyncReplies.Thread || announcement?.IsPersonal == true || target.IsPersonal;
        if (inConversation && announcement is not null)
        {
            var sent = await connector.SendAsync(announcement.ServiceUrl, announcement.ConversationId, OutboundActivity.Card(card), cancellationToken);
            if (sent.Status != ConnectorStatus.Failed)
            {
                return Result(sent, sent.Id is { } id ? announcement with { ActivityId = id } : null);
            }

            // Removed from the team, the chat deleted: the requester still hears it, privately.
            LogFallback(logger, conversation.SubmissionId, sent.Reason);
        }

        var direct = await channel.SendPrivatelyAsync(target, card, cancellationToken);
        return Result(direct, target.IsPersonal && direct.Id is { } directId
            ? new TeamsMessageLocation(target.ServiceUrl, target.ConversationId, directId, IsPersonal: true)
            : null);
    }

    /// <summary>The connector has no read of a conversation's messages: whether an earlier post landed is unknown.</summary>
    public Task<PriorPost> FindReplyAsync(TicketConversation conversation, StaffReplyPost reply, CancellationToken cancellationToken) =>
        Task.FromResult(PriorPost.Unknown);

    public async Task<PostResult> ShowStatusAsync(TicketConversation conversation, TicketNotice notice, CancellationToken cancellationToken)
    {
        if (TeamsMessageLocation.Parse(conversation.Announcement) is not { } announcement)
        {
            return PostResult.Gave("the announcement's place is unknown");
        }

        if (TeamsReplyTo.Parse(conversation.ReplyTo) is { } target)
        {
            Trust(target);
        }

        var card = StatusCard.ForNotice(notice, includePrivate: announcement.IsPersonal);
        var updated = await connector.UpdateAsync(announcement.ServiceUrl, announcement.ConversationId, announcement.ActivityId, OutboundActivity.Card(card), cancellationToken);
        return updated.Status switch
        {
            ConnectorStatus.Ok => PostResult.PostedAt(conversation.Announcement),
            ConnectorStatus.Retry => PostResult.Later(updated.RetryAfter, updated.Reason ?? "connector busy"),
            _ => PostResult.Gave(updated.Reason ?? "connector refused"),
        };
    }

    public Task<Requester> AuthorAsync(ThreadMessage message, CancellationToken cancellationToken)
    {
        var origin = TeamsThreadOrigin.Parse(message.Origin);
        return Task.FromResult(new Requester(
            ChatPlatforms.Teams, message.Author.TeamId, message.Author.UserId, origin?.Name ?? "", null, origin?.Locale ?? message.Locale ?? TeamsRequester.DefaultLocale));
    }

    /// <summary>A short reply where the message was written (Teams bots cannot react to a message).</summary>
    public async Task<PostResult> AcknowledgeAsync(ThreadMessage message, string text, string? note, CancellationToken cancellationToken)
    {
        if (TeamsThreadOrigin.Parse(message.Origin) is not { } origin || TeamsReplyTo.Parse(origin.ReplyTo) is not { ServiceUrl.Length: > 0 } target)
        {
            return PostResult.Gave("unreadable origin");
        }

        Trust(target);
        var body = new JsonArray(CardElements.Text(text, subtle: true));
        if (note is not null)
        {
            body.Add((JsonNode)CardElements.Text(note, subtle: true, attention: true));
        }

        var sent = await connector.SendAsync(target.ServiceUrl, target.ConversationId, OutboundActivity.Card(CardElements.Card(body)), cancellationToken);
        return Posted(sent);
    }

    public async Task<PostResult> TellAuthorAsync(ThreadMessage message, string text, CancellationToken cancellationToken)
    {
        if (TeamsThreadOrigin.Parse(message.Origin) is not { } origin || TeamsReplyTo.Parse(origin.ReplyTo) is not { ServiceUrl.Length: > 0 } target)
        {
            return PostResult.Gave("unreadable origin");
        }

        Trust(target);
        return Posted(await channel.SendPrivatelyAsync(target, CardElements.Card(new JsonArray(CardElements.Text(text))), cancellationToken));
    }

    private static PostResult Posted(ConnectorResult sent) => sent.Status switch
    {
        ConnectorStatus.Ok => PostResult.Posted,
        ConnectorStatus.Retry => PostResult.Later(sent.RetryAfter, sent.Reason ?? "connector busy"),
        _ => PostResult.Gave(sent.Reason ?? "connector refused"),
    };

    /// <summary>A staff reply as a card: who answered, the reply, its attachments' names, and the repeat note when there is one.</summary>
    public static JsonObject Card(StaffReplyPost reply)
    {
        var body = new JsonArray(CardElements.Text(reply.Heading, subtle: true), CardElements.Markdown(TeamsCardText.Render(reply.Body)));
        if (reply.Attachments is { } attachments)
        {
            body.Add((JsonNode)CardElements.Text(attachments, subtle: true));
        }

        if (reply.RepeatNote is { } note)
        {
            body.Add((JsonNode)CardElements.Text(note, subtle: true, attention: true));
        }

        return CardElements.Card(body);
    }

    private void Trust(TeamsReplyTo target)
    {
        // As for notices: only a serviceUrl a validated token was issued for is trusted with the connector token.
        if (target.ServiceUrlVouched)
        {
            trust.Remember(target.ServiceUrl);
        }
    }

    private static ThreadPostResult Result(ConnectorResult sent, TeamsMessageLocation? at) => sent.Status switch
    {
        ConnectorStatus.Ok => ThreadPostResult.PostedAt(at?.Serialize()),
        // 429: surely not taken. A 5xx or a timeout may come after the connector posted it.
        ConnectorStatus.Retry when sent.HttpStatus == 429 => new ThreadPostResult(ThreadPostStatus.NotPosted, RetryAfter: sent.RetryAfter, Reason: sent.Reason),
        ConnectorStatus.Retry => new ThreadPostResult(ThreadPostStatus.MaybePosted, RetryAfter: sent.RetryAfter, Reason: sent.Reason),
        _ => new ThreadPostResult(ThreadPostStatus.Refused, Reason: sent.Reason),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff reply for submission {SubmissionId} went to the requester's 1:1 chat: the conversation refused ({Reason})")]
    private static partial void LogFallback(ILogger logger, string submissionId, string? reason);
}
