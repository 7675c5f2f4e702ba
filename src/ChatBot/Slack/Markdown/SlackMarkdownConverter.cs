using System.Text.RegularExpressions;

namespace ChatBot.Slack.Markdown;

/// <summary>
/// Slack mrkdwn (a message's <c>text</c>) to CommonMark for the ticket body. Order matters: code and
/// <c>&lt;…&gt;</c> tokens are cut out first, entities are decoded only after (decoding earlier would forge tokens),
/// then emphasis is rewritten, then the tokens come back rendered.
/// </summary>
public static partial class SlackMarkdownConverter
{
    // Private-use characters cannot come from Slack text we keep, so they mark where a cut-out piece goes back.
    private const char PieceStart = '\uE000';
    private const char PieceEnd = '\uE001';

    public static string Convert(string mrkdwn, IReadOnlyDictionary<string, string> userNames)
    {
        var pieces = new List<string>();
        string Hold(string rendered)
        {
            pieces.Add(rendered);
            return PieceStart + (pieces.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + PieceEnd;
        }

        var text = mrkdwn.Replace(PieceStart, ' ').Replace(PieceEnd, ' ');
        text = CodeBlock().Replace(text, m => Hold("```\n" + Decode(m.Groups[1].Value.Trim('\n')) + "\n```"));
        text = InlineCode().Replace(text, m => Hold("`" + Decode(m.Groups[1].Value) + "`"));
        text = Token().Replace(text, m => Hold(RenderToken(m.Groups[1].Value, userNames)));
        text = Decode(text);
        text = Bold().Replace(text, "**$1**");
        text = Italic().Replace(text, "*$1*");
        text = Strike().Replace(text, "~~$1~~");
        return Piece().Replace(text, m => pieces[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);
    }

    /// <summary>User ids mentioned as <c>&lt;@U…&gt;</c>, to resolve before converting.</summary>
    public static IReadOnlySet<string> FindUserIds(string mrkdwn) =>
        Token().Matches(mrkdwn).Select(m => m.Groups[1].Value)
            .Where(t => t.StartsWith('@'))
            .Select(t => t[1..].Split('|')[0])
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Channel names carried by <c>&lt;#C…|name&gt;</c> tokens (rich_text channel elements carry only the id).</summary>
    public static IReadOnlyDictionary<string, string> FindChannelNames(string mrkdwn)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Token().Matches(mrkdwn))
        {
            var token = m.Groups[1].Value;
            var bar = token.IndexOf('|', StringComparison.Ordinal);
            if (token.StartsWith('#') && bar > 1 && bar < token.Length - 1)
            {
                names[token[1..bar]] = Decode(token[(bar + 1)..]);
            }
        }

        return names;
    }

    /// <summary>&amp;amp; &amp;lt; &amp;gt; are the only entities Slack uses.</summary>
    public static string Decode(string text) => text.Replace("&lt;", "<", StringComparison.Ordinal)
        .Replace("&gt;", ">", StringComparison.Ordinal)
        .Replace("&amp;", "&", StringComparison.Ordinal);

    public static string LinkLabel(string label) => label.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);

    private static string RenderToken(string token, IReadOnlyDictionary<string, string> userNames)
    {
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        var target = bar < 0 ? token : token[..bar];
        var label = bar < 0 ? null : Decode(token[(bar + 1)..]);
        if (string.IsNullOrEmpty(label))
        {
            label = null;
        }

        switch (target)
        {
            case ['@', ..]:
                var userId = target[1..];
                return "@" + (userNames.TryGetValue(userId, out var name) ? name : label?.TrimStart('@') ?? userId);
            case ['#', ..]:
                return "#" + (label ?? target[1..]);
            case ['!', ..]:
                return RenderSpecial(target[1..], label);
        }

        var url = Decode(target);
        if (label is null || label == url || "mailto:" + label == url)
        {
            return url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url["mailto:".Length..] : "<" + url + ">";
        }

        return "[" + LinkLabel(label) + "](" + url.Replace(" ", "%20", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal) + ")";
    }

    private static string RenderSpecial(string command, string? label)
    {
        if (command.StartsWith("subteam^", StringComparison.Ordinal))
        {
            return label ?? "@" + command["subteam^".Length..];
        }

        if (command.StartsWith("date^", StringComparison.Ordinal))
        {
            return label ?? "";
        }

        return label ?? "@" + command;
    }

    [GeneratedRegex(@"```(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"`([^`\n]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"<([^<>\n]+)>")]
    private static partial Regex Token();

    [GeneratedRegex("\uE000(\\d+)\uE001")]
    private static partial Regex Piece();

    [GeneratedRegex(@"(?<![\p{L}\p{N}*])\*(?=\S)([^*\n]*?\S)\*(?![\p{L}\p{N}*])")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])_(?=\S)([^_\n]*?\S)_(?![\p{L}\p{N}_])")]
    private static partial Regex Italic();

    [GeneratedRegex(@"(?<![\p{L}\p{N}~])~(?=\S)([^~\n]*?\S)~(?![\p{L}\p{N}~])")]
    private static partial Regex Strike();
}
