using System.Text;

namespace ChatBot.Teams.Cards;

/// <summary>
/// Teams renders Markdown in every TextBlock and Fact (msteams-docs cards-format.md): bold, italic, lists, links. Text
/// a user controls (a subject, a file name, a message excerpt) is backslash-escaped so it shows as typed and can never
/// become a link under the bot's name. Cutting happens after escaping and counts the escapes: a cut never splits an
/// escape (a lone <c>\</c> would escape the ellipsis) or a surrogate pair.
/// </summary>
public static class CardMarkdown
{
    /// <summary>Longest text in one TextBlock: a card stays far below Teams' 40 KB (UTF-16) message limit.</summary>
    public const int MaxTextLength = 4000;

    public const string Ellipsis = "…";

    // Emphasis, strikethrough, code, links and images, autolinks and HTML, entities, and the escape itself.
    private const string Inline = "\\*_~`[]<>&";

    /// <summary><paramref name="text"/> with every character Markdown would act on escaped.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (lineStart && c is ' ' or '\t')
            {
                escaped.Append(c);
                continue;
            }

            if (Inline.Contains(c, StringComparison.Ordinal) || (lineStart && c is '-' or '+' or '#' or '='))
            {
                escaped.Append('\\');
            }
            else if (lineStart && char.IsAsciiDigit(c))
            {
                // "1. " and "1) " start an ordered list: escape the delimiter after the number.
                var end = i;
                while (end < text.Length && char.IsAsciiDigit(text[end]))
                {
                    end++;
                }

                escaped.Append(text, i, end - i);
                if (end < text.Length && text[end] is '.' or ')')
                {
                    escaped.Append('\\').Append(text[end]);
                    end++;
                }

                i = end - 1;
                lineStart = false;
                continue;
            }

            escaped.Append(c);
            lineStart = c is '\n' or '\r';
        }

        return escaped.ToString();
    }

    /// <summary>Escaped, then cut to <paramref name="maxLength"/> characters (ellipsis included).</summary>
    public static string EscapeAndCut(string text, int maxLength = MaxTextLength) => Cut(Escape(text), maxLength);

    /// <summary>Cuts already escaped text to <paramref name="maxLength"/> characters, ending with an ellipsis when cut.</summary>
    public static string Cut(string escaped, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, Ellipsis.Length + 1);
        if (escaped.Length <= maxLength)
        {
            return escaped;
        }

        var end = maxLength - Ellipsis.Length;
        if (char.IsHighSurrogate(escaped[end - 1]))
        {
            end--;
        }

        // An odd run of backslashes before the cut means the last one starts an escape whose character was cut off.
        var backslashes = 0;
        while (backslashes < end && escaped[end - 1 - backslashes] == '\\')
        {
            backslashes++;
        }

        if (backslashes % 2 == 1)
        {
            end--;
        }

        return escaped[..end] + Ellipsis;
    }
}
