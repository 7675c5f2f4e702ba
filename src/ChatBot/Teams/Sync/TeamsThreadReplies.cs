using System.Data.Common;
using ChatBot.Sync;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Files;

namespace ChatBot.Teams.Sync;

/// <summary>
/// Typed text in a followed ticket's conversation goes to the sync's inbox: in a channel, any message in the
/// announcement's thread (every one reaches the bot with the <c>ChannelMessage.Read.Group</c> consent, only @mentions
/// without it); in a chat without threads, a message that replies to the ticket's card or to a staff reply (its
/// <c>replyToId</c>). Stored once per activity id, before the 200.
/// </summary>
public sealed partial class TeamsThreadReplies(ThreadInbox inbox, ILogger<TeamsThreadReplies> logger)
{
    /// <summary>True when the message belongs to a ticket and was stored (or was stored before); false when it is no ticket's.</summary>
    /// <exception cref="DbException">The store failed: the endpoint does not acknowledge, and the connector retries.</exception>
    public async Task<bool> TryAcceptAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        if (TeamsRequester.From(activity) is not { } author || activity.Id is not { Length: > 0 } id || activity.Conversation?.Id is not { Length: > 0 } conversation)
        {
            LogNotATicketThread(logger, activity.TenantId, "no sender, id or conversation");
            return false;
        }

        var keys = conversation.Contains(";messageid=", StringComparison.Ordinal)
            ? ["teams:" + conversation]
            : activity.ReplyToId is { Length: > 0 } parent ? new[] { "teams:" + conversation + ":" + parent } : [];
        foreach (var key in keys)
        {
            if (await inbox.TicketOfThreadAsync(key, cancellationToken) is not { } submissionId)
            {
                continue;
            }

            var origin = new TeamsThreadOrigin(TeamsReplyTo.InConversation(activity, null).ToJson(), author.DisplayName, author.Locale);
            var message = new ThreadMessage(
                key,
                "teams:" + conversation + ":" + id,
                null,
                author.Identity,
                Text(activity.Text),
                TeamsAttachmentFiles.FromActivity(activity),
                origin.Serialize(),
                author.Locale);
            var accepted = await inbox.AcceptAsync(message, submissionId, cancellationToken);
            LogAccepted(logger, activity.TenantId, accepted);
            return true;
        }

        LogNotATicketThread(logger, activity.TenantId, keys.Length == 0 ? "no thread" : "no ticket's thread");
        return false;
    }

    /// <summary>What the person wrote: mentions (<c>&lt;at&gt;Bot&lt;/at&gt;</c>) left out, entities decoded, line breaks kept.</summary>
    private static string Text(string? text) =>
        System.Net.WebUtility.HtmlDecode(Mention().Replace(text ?? "", "")).Trim();

    [System.Text.RegularExpressions.GeneratedRegex("<at[^>]*>.*?</at>", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex Mention();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Teams message (tenant {TenantId}) is not in a ticket's thread: {Why}")]
    private static partial void LogNotATicketThread(ILogger logger, string tenantId, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams message in a ticket's thread (tenant {TenantId}): {Acceptance}")]
    private static partial void LogAccepted(ILogger logger, string tenantId, ThreadAcceptance acceptance);
}
