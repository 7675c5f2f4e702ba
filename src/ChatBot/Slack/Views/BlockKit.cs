using System.Text.Json.Nodes;

namespace ChatBot.Slack.Views;

/// <summary>The few Block Kit objects the bot builds, as JSON nodes (the shapes are checked against @slack/types in the tests).</summary>
public static class BlockKit
{
    public const int MaxTitleLength = 24;
    public const int MaxOptionTextLength = 75;
    public const int MaxOptions = 100;
    public const int MaxBlocks = 100;
    public const int MaxPrivateMetadataLength = 3000;
    public const int MaxPlainTextInputLength = 3000;
    public const int MaxSectionTextLength = 3000;
    public const int MaxButtonTextLength = 75;

    public static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    /// <summary>Slack-escaped mrkdwn: only &amp;, &lt; and &gt; are entities; user text can never ping @channel.</summary>
    public static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = Escape(text) };

    public static JsonObject Option(string text, string value) => new() { ["text"] = PlainText(Cut(text, MaxOptionTextLength)), ["value"] = value };

    public static JsonObject Section(string text) => new() { ["type"] = "section", ["text"] = Mrkdwn(Cut(text, MaxSectionTextLength)) };

    public static JsonObject Input(string blockId, string label, JsonObject element, bool optional, string? hint = null)
    {
        var block = new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = blockId,
            ["label"] = PlainText(label),
            ["optional"] = optional,
            ["element"] = element,
        };
        if (hint is not null)
        {
            block["hint"] = PlainText(hint);
        }

        return block;
    }

    public static JsonObject Button(string actionId, string text, string value) => new()
    {
        ["type"] = "button",
        ["action_id"] = actionId,
        ["text"] = PlainText(Cut(text, MaxTitleLength)),
        ["value"] = value,
    };

    /// <summary>A button that opens <paramref name="url"/>; Slack still sends a block action for the click, which must be acknowledged.</summary>
    public static JsonObject UrlButton(string actionId, string text, Uri url) => new()
    {
        ["type"] = "button",
        ["action_id"] = actionId,
        ["text"] = PlainText(Cut(text, MaxButtonTextLength)),
        ["url"] = url.AbsoluteUri,
        ["style"] = "primary",
    };

    /// <summary>An actions block of URL buttons.</summary>
    public static JsonObject UrlButtons(string actionId, IEnumerable<(string Text, Uri Url)> buttons) => new()
    {
        ["type"] = "actions",
        ["elements"] = new JsonArray([.. buttons.Select((b, i) => (JsonNode)UrlButton(i == 0 ? actionId : actionId + "_" + i, b.Text, b.Url))]),
    };

    public static JsonObject Modal(string callbackId, string title, string? submit, string close, string? privateMetadata, JsonArray blocks)
    {
        var view = new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = callbackId,
            ["title"] = PlainText(Cut(title, MaxTitleLength)),
        };
        if (submit is not null)
        {
            view["submit"] = PlainText(Cut(submit, MaxTitleLength));
        }

        view["close"] = PlainText(Cut(close, MaxTitleLength));
        if (privateMetadata is not null)
        {
            view["private_metadata"] = privateMetadata;
        }

        view["blocks"] = blocks;
        return view;
    }

    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);

    public static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
