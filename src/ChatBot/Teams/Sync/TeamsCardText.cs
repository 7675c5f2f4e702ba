using System.Text;
using ChatBot.Markup;
using ChatBot.Teams.Cards;

namespace ChatBot.Teams.Sync;

/// <summary>
/// <see cref="FormattedText"/> as the Markdown subset an Adaptive Card's TextBlock shows: every text escaped
/// (<see cref="CardMarkdown"/>), so a staff reply's own characters never become markup; bold, italics, links and lists
/// only where the reply had them. Code has no style in a TextBlock and is shown as plain text.
/// </summary>
public static class TeamsCardText
{
    public static string Render(FormattedText text)
    {
        var output = new StringBuilder();
        foreach (var line in text.Lines)
        {
            var prefix = line.Kind switch
            {
                LineKind.Bullet => new string(' ', line.Depth * 2) + "- ",
                LineKind.Numbered => new string(' ', line.Depth * 2) + line.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) + ". ",
                LineKind.Quote => "> ",
                _ => "",
            };
            output.Append(prefix);
            foreach (var span in line.Spans)
            {
                output.Append(Span(span, line.Kind == LineKind.Heading));
            }

            output.Append('\n');
            if (line.Kind is LineKind.Paragraph or LineKind.Heading or LineKind.Quote)
            {
                // A TextBlock joins single newlines: a paragraph ends with an empty line.
                output.Append('\n');
            }
        }

        return CardMarkdown.Cut(output.ToString().Trim('\n'), CardMarkdown.MaxTextLength);
    }

    private static string Span(TextSpan span, bool heading)
    {
        var text = CardMarkdown.Escape(span.Text);
        if (text.Trim().Length == 0)
        {
            return text;
        }

        if (span.Style.HasFlag(SpanStyle.Bold) || heading)
        {
            text = "**" + text + "**";
        }

        if (span.Style.HasFlag(SpanStyle.Italic))
        {
            text = "_" + text + "_";
        }

        return span.Link is { } link ? $"[{text}]({link.AbsoluteUri.Replace(")", "%29", StringComparison.Ordinal)})" : text;
    }
}
