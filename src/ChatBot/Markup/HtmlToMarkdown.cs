using System.Net;

namespace ChatBot.Markup;

/// <summary>
/// Converts chat and ticket HTML (a Teams message's <c>messagePayload.body.content</c>, a Keliweb staff reply) into Markdown:
/// mentions become @names, links [text](url), lists, emphasis and line breaks survive, entities
/// are decoded. A small tag scanner, not a DOM: chat and ticket HTML is simple and the output only has to read well.
/// </summary>
public static class HtmlToMarkdown
{
    public static string Convert(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        var writer = new MarkdownWriter();
        var closer = new NextCloser(html);
        var i = 0;
        while (i < html.Length)
        {
            if (html[i] == '<' && TryReadTag(html, i, closer, out var tag, out var next))
            {
                writer.Tag(tag);
                i = next;
                if (tag is { Name: "script" or "style", Closing: false })
                {
                    i = SkipTo(html, i, "</" + tag.Name);
                }
            }
            else
            {
                var end = html.IndexOf('<', i + 1);
                end = end < 0 ? html.Length : end;
                writer.Text(WebUtility.HtmlDecode(html[i..end]));
                i = end;
            }
        }

        return writer.ToString();
    }

    private static int SkipTo(string html, int from, string marker)
    {
        var at = html.IndexOf(marker, from, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? html.Length : at;
    }

    private static bool TryReadTag(string html, int start, NextCloser closer, out HtmlTag tag, out int next)
    {
        tag = default;
        next = start;
        if (html.AsSpan(start).StartsWith("<!--"))
        {
            var close = html.IndexOf("-->", start + 4, StringComparison.Ordinal);
            next = close < 0 ? html.Length : close + 3;
            tag = new HtmlTag("!--", false, new Dictionary<string, string>());
            return true;
        }

        var end = closer.After(start);
        if (end < 0)
        {
            return false;
        }

        // As in HTML, "<" starts a tag only when a letter (or "/" and a letter) follows at once: "2 < 3" is text.
        var first = start + 1 < html.Length && html[start + 1] == '/' ? start + 2 : start + 1;
        if (first >= html.Length || !char.IsAsciiLetter(html[first]))
        {
            return false;
        }

        var inner = html.AsSpan(start + 1, end - start - 1).Trim();
        var closing = inner.StartsWith("/");
        if (closing)
        {
            inner = inner[1..].TrimStart();
        }

        if (inner.EndsWith("/"))
        {
            inner = inner[..^1];
        }

        var nameLength = 0;
        while (nameLength < inner.Length && (char.IsLetterOrDigit(inner[nameLength]) || inner[nameLength] == '-' || inner[nameLength] == ':'))
        {
            nameLength++;
        }

        if (nameLength == 0)
        {
            return false; // a lone "<" in text
        }

        var name = inner[..nameLength].ToString().ToLowerInvariant();
        tag = new HtmlTag(name, closing, HtmlAttributes.Parse(inner[nameLength..].ToString()));
        next = end + 1;
        return true;
    }

    /// <summary>
    /// The next <c>&gt;</c> after a position, searched again only once passed: a message of many "&lt;" without tags
    /// would otherwise search the rest of the text once per "&lt;".
    /// </summary>
    private sealed class NextCloser(string html)
    {
        private int found = -2;

        public int After(int start)
        {
            if (found != -1 && found <= start)
            {
                found = html.IndexOf('>', start + 1);
            }

            return found;
        }
    }
}
