using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Slack.Localization;

namespace ChatBot.Slack.Views;

/// <summary>Modal screens shown after a submission: "creating your ticket" and a notice (e.g. not linked).</summary>
public static class StatusViews
{
    public const string CreatingCallbackId = "ticket_creating";
    public const string NoticeCallbackId = "ticket_notice";

    public static JsonObject Creating(SlackTexts texts) =>
        BlockKit.Modal(CreatingCallbackId, texts.CreatingTitle, null, texts.Close, null, new JsonArray(BlockKit.Section(texts.CreatingText)));

    /// <summary>
    /// The answer to every accepted submission, "update to creating", as UTF-8 JSON. It depends on the language alone,
    /// so it is built once per language instead of once per submission.
    /// </summary>
    public static byte[] CreatingUpdate(SlackTexts texts) =>
        CreatingUpdates.GetValue(texts, t => Encoding.UTF8.GetBytes(Update(Creating(t)).ToJsonString()));

    private static readonly ConditionalWeakTable<SlackTexts, byte[]> CreatingUpdates = new();

    /// <summary>A modal with a message and, for a sign-in link, its button (a modal is seen by its opener alone).</summary>
    public static JsonObject Notice(string title, string text, SlackTexts texts, Linking.SignIn.SignInLink? signIn = null) =>
        BlockKit.Modal(NoticeCallbackId, title, null, texts.Close, null,
            ChatReplyMessages.Blocks(text, signIn is null ? [] : [(signIn.Label, signIn.Url)]));

    /// <summary>The view_submission answer that swaps the modal for <paramref name="view"/>.</summary>
    public static JsonObject Update(JsonObject view) => new() { ["response_action"] = "update", ["view"] = view };

    /// <summary>The view_submission answer that shows <paramref name="errors"/> under their input blocks.</summary>
    public static JsonObject Errors(IReadOnlyDictionary<string, string> errors)
    {
        var map = new JsonObject();
        foreach (var (blockId, message) in errors)
        {
            map[blockId] = message;
        }

        return new JsonObject { ["response_action"] = "errors", ["errors"] = map };
    }

    /// <summary>A slash command's HTTP answer seen only by the user who typed it.</summary>
    public static JsonObject Ephemeral(string text, JsonArray? blocks = null)
    {
        var answer = new JsonObject { ["response_type"] = "ephemeral", ["text"] = BlockKit.EscapeAndCut(text, BlockKit.MaxSectionTextLength) };
        if (blocks is not null)
        {
            answer["blocks"] = blocks;
        }

        return answer;
    }
}
