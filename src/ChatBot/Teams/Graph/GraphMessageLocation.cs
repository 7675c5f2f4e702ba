using System.Text.Json.Serialization;
using ChatBot.Teams.Activities;

namespace ChatBot.Teams.Graph;

/// <summary>
/// Where Microsoft Graph finds a Teams message: a channel message by its team's Microsoft 365 group id
/// (<c>channelData.team.aadGroupId</c>, not the <c>19:…@thread</c> id), its channel, and, for a reply, the thread's
/// root (<c>…/messages/{root}/replies/{id}</c>); a chat message by its chat (<c>19:…</c>). Ids are escaped into the path.
/// </summary>
/// <param name="Link">The message's link in Teams, shown where one of its files could not be attached.</param>
public sealed record GraphMessageLocation(
    string TenantId, string MessageId, string? TeamId = null, string? ChannelId = null, string? ChatId = null, string? RootId = null, string? Link = null)
{
    /// <summary>The message's path under the Graph base URL, e.g. <c>teams/{team}/channels/{channel}/messages/{root}/replies/{id}</c>.</summary>
    [JsonIgnore]
    public string Path => ChatId is { } chat
        ? "chats/" + Escape(chat) + "/messages/" + Escape(MessageId)
        : "teams/" + Escape(TeamId!) + "/channels/" + Escape(ChannelId!) + "/messages/"
            + (RootId is { } root && root != MessageId ? Escape(root) + "/replies/" + Escape(MessageId) : Escape(MessageId));

    /// <summary>The message a message action was started on (<c>messagePayload</c>), in the conversation of the invoke.</summary>
    public static GraphMessageLocation? ForMessageAction(TeamsActivity activity, MessagePayload? message) =>
        message?.Id is { Length: > 0 } id
            ? Of(activity, id, message.ReplyToId is { Length: > 0 } parent ? parent : id, message.LinkToMessage)
            : null;

    /// <summary>The message the activity itself is (a "ticket" message in a channel or group chat).</summary>
    public static GraphMessageLocation? ForActivity(TeamsActivity activity) =>
        activity.Id is { Length: > 0 } id ? Of(activity, id, ThreadRoot(activity.Conversation?.Id) ?? id, null) : null;

    private static GraphMessageLocation? Of(TeamsActivity activity, string messageId, string rootId, string? link)
    {
        var tenant = activity.TenantId;
        if (tenant.Length == 0)
        {
            return null;
        }

        if (activity.IsChannel)
        {
            return Guid.TryParse(activity.ChannelData?.Team?.AadGroupId, out var team) && activity.ChannelData?.Channel?.Id is { Length: > 0 } channel
                ? new GraphMessageLocation(tenant, messageId, team.ToString("D"), channel, null, rootId, link)
                : null;
        }

        // Graph knows group and 1:1 chats between people by their "19:" id; the bot's own 1:1 chat ("a:…") it does not.
        var chat = WithoutThread(activity.Conversation?.Id);
        return chat?.StartsWith("19:", StringComparison.Ordinal) == true ? new GraphMessageLocation(tenant, messageId, ChatId: chat, Link: link) : null;
    }

    private static string? ThreadRoot(string? conversationId)
    {
        var at = conversationId?.IndexOf(";messageid=", StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : conversationId![(at + ";messageid=".Length)..];
    }

    private static string? WithoutThread(string? conversationId)
    {
        var at = conversationId?.IndexOf(';', StringComparison.Ordinal) ?? -1;
        return at < 0 ? conversationId : conversationId![..at];
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
