using System.Text.Json.Nodes;
using ChatBot.Slack.Localization;
using ChatBot.Tickets;

namespace ChatBot.Slack.Views;

/// <summary>
/// Chat messages for a <see cref="TicketNotice"/>. The public one may be seen by the whole conversation; the private
/// one carries the ticket link (a bearer secret in WHMCS) and goes only to the requester.
/// </summary>
public static class NoticeMessages
{
    public const string ResubmitActionId = "ticket_resubmit";

    /// <summary>Kinds that only concern the requester: nothing is posted in the conversation.</summary>
    public static bool IsPersonalOnly(TicketNotice notice) => notice.IsPersonalOnly;

    public static JsonObject Public(string channel, string? threadTs, TicketNotice notice) => Message(channel, threadTs, notice.PublicText, notice.Status);

    /// <summary>
    /// The public notice without the user's words (subject, file names): what is posted when Slack refuses the full one
    /// for its content, so the conversation still learns the outcome. Null when the notice has no short form.
    /// </summary>
    public static JsonObject? PublicShort(string channel, string? threadTs, TicketNotice notice) =>
        notice.ShortText is { } text ? Message(channel, threadTs, text, notice.Status) : null;

    private static JsonObject Message(string channel, string? threadTs, string text, string? status)
    {
        var message = new JsonObject
        {
            ["channel"] = channel,
            ["text"] = BlockKit.EscapeAndCut(text, BlockKit.MaxSectionTextLength),
            ["blocks"] = new JsonArray(BlockKit.Section(text)),
            ["unfurl_links"] = false,
        };
        if (status is not null)
        {
            // The sync keeps the ticket's status on the announcing message (chat.update with this same message).
            message["blocks"]!.AsArray().Add((JsonNode)new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray(BlockKit.Mrkdwn(status)),
            });
        }

        if (threadTs is not null)
        {
            message["thread_ts"] = threadTs;
        }

        return message;
    }

    /// <summary>Null when the notice has nothing private to say.</summary>
    public static JsonArray? PrivateBlocks(TicketNotice notice, SlackTexts texts)
    {
        var text = PrivateText(notice);
        if (text is null)
        {
            return null;
        }

        var blocks = ChatReplyMessages.Blocks(text, notice.SignIn is { } signIn ? [(signIn.Label, signIn.Url)] : []);
        if (notice.Kind == TicketNoticeKind.Uncertain)
        {
            blocks.Add((JsonNode)new JsonObject
            {
                ["type"] = "actions",
                ["block_id"] = ResubmitActionId,
                ["elements"] = new JsonArray(BlockKit.Button(ResubmitActionId, texts.SubmitAgain, notice.SubmissionId)),
            });
        }

        return blocks;
    }

    /// <summary>The private text: the link part, or everything for personal notices and "submit again" offers.</summary>
    public static string? PrivateText(TicketNotice notice) =>
        IsPersonalOnly(notice) || notice.Kind == TicketNoticeKind.Uncertain
            ? notice.PrivateText is null || notice.PrivateText == notice.PublicText ? notice.PublicText : notice.PublicText + "\n" + notice.PrivateText
            : notice.PrivateText;
}
