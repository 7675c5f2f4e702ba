using System.Text.Json;
using ChatBot.Teams.Activities;

namespace ChatBot.Teams;

/// <summary>
/// Where the result of a Teams submission goes, stored by the pipeline as the draft's opaque ReplyTo. The bot
/// writes it; <see cref="ServiceUrlVouched"/> says a validated token was issued for <see cref="ServiceUrl"/>, which
/// is the only way it stays trusted with the connector token across restarts.
/// </summary>
/// <param name="ConversationId">Where to post: the chat, or the channel thread (<c>channel;messageid=root</c>).</param>
/// <param name="IsPersonal">A 1:1 chat with the requester: the only place the private ticket link may appear.</param>
/// <param name="UserId">The requester's <c>29:</c> id, to open the 1:1 chat for the private part.</param>
/// <param name="BotId">The bot's <c>28:</c> id in this conversation.</param>
/// <param name="CardActivityId">The form card to replace with the result (card flow); null for message actions.</param>
/// <param name="ThreadRootId">The root message of the channel thread, when there is one.</param>
/// <param name="TeamId">The team of a channel conversation: the app is installed in (and removed from) a team as a whole.</param>
public sealed record TeamsReplyTo(
    string ServiceUrl,
    string ConversationId,
    bool IsPersonal,
    string UserId,
    string BotId,
    string TenantId,
    string? CardActivityId = null,
    string? ThreadRootId = null,
    bool ServiceUrlVouched = false,
    string? TeamId = null)
{
    public string ToJson() => JsonSerializer.Serialize(this, TeamsJsonContext.Default.TeamsReplyTo);

    public static TeamsReplyTo? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, TeamsJsonContext.Default.TeamsReplyTo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Answer in the conversation the activity came from (a channel message already carries its thread).</summary>
    public static TeamsReplyTo InConversation(TeamsActivity activity, string? cardActivityId) => new(
        activity.ServiceUrl,
        activity.Conversation?.Id ?? "",
        activity.IsPersonal,
        activity.From?.Id ?? "",
        activity.Recipient?.Id ?? "",
        activity.TenantId,
        cardActivityId,
        ThreadRoot(activity.Conversation?.Id),
        activity.ServiceUrlVouched,
        activity.IsChannel ? activity.ChannelData?.Team?.Id : null);

    /// <summary>
    /// Answer a message action in the message's thread: Teams threads by conversation id, not by replyToId
    /// (botframework-sdk#6626), so a channel answer goes to <c>{channel};messageid={root}</c>.
    /// </summary>
    public static TeamsReplyTo ForMessage(TeamsActivity activity, MessagePayload? message)
    {
        var channelId = activity.ChannelData?.Channel?.Id;
        var root = message?.ReplyToId is { Length: > 0 } parent ? parent : message?.Id;
        if (activity.IsChannel && !string.IsNullOrEmpty(channelId) && !string.IsNullOrEmpty(root))
        {
            return InConversation(activity, null) with { ConversationId = channelId + ";messageid=" + root, ThreadRootId = root };
        }

        return InConversation(activity, null);
    }

    private static string? ThreadRoot(string? conversationId)
    {
        var at = conversationId?.IndexOf(";messageid=", StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : conversationId![(at + ";messageid=".Length)..];
    }
}
