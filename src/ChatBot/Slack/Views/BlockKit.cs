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

    /// <summary>
    /// Slack-escaped mrkdwn, cut to <paramref name="max"/> as Slack counts it: only &amp;, &lt; and &gt; are entities,
    /// user text can never ping @channel, and the limit applies to the escaped text (see <see cref="EscapeAndCut"/>).
    /// </summary>
    public static JsonObject Mrkdwn(string text, int max = MaxSectionTextLength) => new() { ["type"] = "mrkdwn", ["text"] = EscapeAndCut(text, max) };

    public static JsonObject Option(string text, string value) => new() { ["text"] = PlainText(Cut(text, MaxOptionTextLength)), ["value"] = value };

    public static JsonObject Section(string text) => new() { ["type"] = "section", ["text"] = Mrkdwn(text) };

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

    /// <summary>
    /// Escapes, then cuts to <paramref name="max"/> characters of escaped text with "…": Slack counts its limits on the
    /// text it receives, entities included, so cutting first and escaping after overshoots (a subject with a few
    /// <c>&amp;</c> made 3,004 of 3,000 and the whole message was refused). Never ends inside an entity or a surrogate pair.
    /// </summary>
    public static string EscapeAndCut(string text, int max)
    {
        var escaped = Escape(text);
        if (escaped.Length <= max)
        {
            return escaped;
        }

        var end = SafeEnd(escaped, max - 1);
        // The longest entity is "&amp;" (5): an '&' in the last four kept characters may start one the cut would halve.
        var amp = end == 0 ? -1 : escaped.LastIndexOf('&', end - 1, Math.Min(4, end));
        if (amp >= 0 && escaped.IndexOf(';', amp) is var semicolon && semicolon >= end)
        {
            end = amp;
        }

        return string.Concat(escaped.AsSpan(0, end), "…");
    }

    /// <summary>Plain text cut to <paramref name="max"/> characters with "…", never inside a surrogate pair.</summary>
    public static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, SafeEnd(text, max - 1)), "…");

    /// <summary>The first <paramref name="max"/> characters (fewer rather than half an emoji), for inputs' initial values.</summary>
    public static string Prefix(string text, int max) => text.Length <= max ? text : text[..SafeEnd(text, max)];

    /// <summary><paramref name="end"/>, or one less when the character before it is the first half of a surrogate pair.</summary>
    private static int SafeEnd(string text, int end) => end > 0 && char.IsHighSurrogate(text[end - 1]) ? end - 1 : end;
}
