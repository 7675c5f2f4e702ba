using System.Text;

namespace ChatBot.Markup;

/// <summary>
/// The Markdown people and help desks write (WHMCS replies with markdown on, the output of <see cref="HtmlToMarkdown"/>)
/// read into <see cref="FormattedText"/>: headings, lists, quotes, code blocks; bold, italic, strikethrough, code and
/// links inline. Not CommonMark: what it does not recognize stays text, and a delimiter without its closer is a
/// character. Bounded, since the text comes from outside: past <see cref="MaxLines"/> lines the rest is dropped.
/// </summary>
public static class MarkdownParser
{
    public const int MaxLines = 400;

    public static FormattedText Parse(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return FormattedText.Empty;
        }

        var lines = new List<TextLine>();
        var inCode = false;
        foreach (var raw in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (lines.Count == MaxLines)
            {
                break;
            }

            var line = raw.TrimEnd();
            var content = line.TrimStart();
            if (content.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            if (inCode)
            {
                lines.Add(new TextLine(LineKind.Code, [new TextSpan(line, SpanStyle.Code)]));
                continue;
            }

            if (content.Length == 0)
            {
                if (lines.Count > 0 && lines[^1].Kind != LineKind.Blank)
                {
                    lines.Add(new TextLine(LineKind.Blank, []));
                }

                continue;
            }

            lines.Add(Block(content, depth: Math.Min((line.Length - content.Length) / 2, 4)));
        }

        while (lines.Count > 0 && lines[^1].Kind == LineKind.Blank)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return new FormattedText(lines);
    }

    private static TextLine Block(string content, int depth)
    {
        var hashes = 0;
        while (hashes < content.Length && hashes < 6 && content[hashes] == '#')
        {
            hashes++;
        }

        if (hashes > 0 && hashes < content.Length && content[hashes] == ' ')
        {
            return new TextLine(LineKind.Heading, Inline(content[(hashes + 1)..].Trim()));
        }

        if (content.Length > 2 && content[0] is '-' or '*' or '+' && content[1] == ' ')
        {
            return new TextLine(LineKind.Bullet, Inline(content[2..].Trim()), Depth: depth);
        }

        var digits = 0;
        while (digits < content.Length && digits < 9 && char.IsAsciiDigit(content[digits]))
        {
            digits++;
        }

        if (digits > 0 && digits + 1 < content.Length && content[digits] is '.' or ')' && content[digits + 1] == ' ')
        {
            var number = int.Parse(content.AsSpan(0, digits), System.Globalization.CultureInfo.InvariantCulture);
            return new TextLine(LineKind.Numbered, Inline(content[(digits + 2)..].Trim()), number, depth);
        }

        if (content[0] == '>')
        {
            return new TextLine(LineKind.Quote, Inline(content[1..].TrimStart()));
        }

        return new TextLine(LineKind.Paragraph, Inline(content));
    }

    /// <summary>The spans of one line.</summary>
    public static IReadOnlyList<TextSpan> Inline(string text)
    {
        var spans = new List<TextSpan>();
        var current = new StringBuilder();
        var style = SpanStyle.None;

        void Flush()
        {
            if (current.Length > 0)
            {
                spans.Add(new TextSpan(current.ToString(), style));
                current.Clear();
            }
        }

        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]) is false && !char.IsWhiteSpace(text[i + 1]))
            {
                current.Append(text[i + 1]);
                i += 2;
                continue;
            }

            if (c == '`' && text.IndexOf('`', i + 1) is var close and > 0)
            {
                Flush();
                spans.Add(new TextSpan(text[(i + 1)..close], style | SpanStyle.Code));
                i = close + 1;
                continue;
            }

            if (c == '[' && TryLink(text, i, out var label, out var target, out var next))
            {
                Flush();
                spans.Add(target is null ? new TextSpan(label, style) : new TextSpan(label, style, target));
                i = next;
                continue;
            }

            if (c == '<' && text.IndexOf('>', i + 1) is var end and > 0 && Web(text[(i + 1)..end]) is { } auto)
            {
                Flush();
                spans.Add(new TextSpan(text[(i + 1)..end], style, auto));
                i = end + 1;
                continue;
            }

            if ((c == 'h' || c == 'H') && (i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] == '(') && BareUrl(text, i) is { Length: > 0 } bare)
            {
                Flush();
                spans.Add(new TextSpan(bare, style, new Uri(bare)));
                i += bare.Length;
                continue;
            }

            if (Delimiter(text, i, style) is { } toggle)
            {
                Flush();
                style ^= toggle.Style;
                i += toggle.Length;
                continue;
            }

            current.Append(c);
            i++;
        }

        Flush();
        return spans;
    }

    /// <summary>An emphasis delimiter at <paramref name="i"/> that opens (with a closer later on the line) or closes a style.</summary>
    private static (SpanStyle Style, int Length)? Delimiter(string text, int i, SpanStyle current)
    {
        var c = text[i];
        if (c is not ('*' or '_' or '~'))
        {
            return null;
        }

        var doubled = i + 1 < text.Length && text[i + 1] == c;
        if (c == '~' && !doubled)
        {
            return null;
        }

        var style = c == '~' ? SpanStyle.Strike : doubled ? SpanStyle.Bold : SpanStyle.Italic;
        var length = doubled ? 2 : 1;
        var before = i == 0 ? ' ' : text[i - 1];
        var after = i + length < text.Length ? text[i + length] : ' ';
        if (current.HasFlag(style))
        {
            // Closing: not right after a space, and for "_" not inside a word (file_name_here stays as typed).
            return !char.IsWhiteSpace(before) && !(c == '_' && char.IsLetterOrDigit(after)) ? (style, length) : null;
        }

        if (char.IsWhiteSpace(after) || (c == '_' && char.IsLetterOrDigit(before)))
        {
            return null;
        }

        var delimiter = text.Substring(i, length);
        var closer = text.IndexOf(delimiter, i + length + 1, StringComparison.Ordinal);
        return closer > 0 ? (style, length) : null;
    }

    /// <summary><c>[label](target)</c>; a target that is not a web or mail link leaves the label as text.</summary>
    private static bool TryLink(string text, int start, out string label, out Uri? target, out int next)
    {
        label = "";
        target = null;
        next = start;
        var middle = text.IndexOf("](", start + 1, StringComparison.Ordinal);
        if (middle < 0)
        {
            return false;
        }

        var end = text.IndexOf(')', middle + 2);
        if (end < 0)
        {
            return false;
        }

        label = text[(start + 1)..middle];
        target = Web(text[(middle + 2)..end].Trim());
        next = end + 1;
        if (label.Length == 0)
        {
            label = target?.ToString() ?? "";
        }

        return true;
    }

    private static string BareUrl(string text, int start)
    {
        if (!text.AsSpan(start).StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            && !text.AsSpan(start).StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return "";
        }

        var end = start;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('<' or '>' or '"'))
        {
            end++;
        }

        // Sentence punctuation after a link is not part of it.
        while (end > start && text[end - 1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or '\'')
        {
            end--;
        }

        var candidate = text[start..end];
        return Web(candidate) is null ? "" : candidate;
    }

    /// <summary>An absolute http, https or mailto URI; null for anything else (javascript:, relative, malformed).</summary>
    public static Uri? Web(string candidate) =>
        Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto" ? uri : null;
}
