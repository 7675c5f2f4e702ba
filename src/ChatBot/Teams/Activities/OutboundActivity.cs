using System.Text.Json.Nodes;

namespace ChatBot.Teams.Activities;

/// <summary>What the bot posts to the connector: a text or a card, optionally in reply to an activity.</summary>
public sealed record OutboundActivity(
    string Type,
    string? Text,
    IReadOnlyList<OutboundAttachment>? Attachments,
    string? ReplyToId = null,
    string? TextFormat = null)
{
    public static OutboundActivity Card(JsonObject card) =>
        new(ActivityTypes.Message, null, [new OutboundAttachment(AdaptiveCardContent.ContentType, card)]);

    public static OutboundActivity Markdown(string text) => new(ActivityTypes.Message, text, null, TextFormat: "markdown");

    /// <summary>Text shown as is: nothing in it is read as Markdown.</summary>
    public static OutboundActivity Plain(string text) => new(ActivityTypes.Message, text, null, TextFormat: "plain");
}

public sealed record OutboundAttachment(string ContentType, JsonObject Content);

public static class AdaptiveCardContent
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
}

/// <summary><c>ConversationParameters</c> for <c>POST /v3/conversations</c>: the bot's 1:1 chat with one user.</summary>
public sealed record ConversationParameters(
    bool IsGroup,
    ChannelAccount Bot,
    IReadOnlyList<ChannelAccount> Members,
    string TenantId,
    TeamsChannelData ChannelData);

/// <summary>The connector's answer to sends and creates (<c>ResourceResponse</c> / <c>ConversationResourceResponse</c>).</summary>
public sealed record ResourceResponse(string? Id = null, string? ActivityId = null);
