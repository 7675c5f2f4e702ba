using System.Globalization;
using System.Text;
using ChatBot.Markup;
using ChatBot.Slack.Views;

namespace ChatBot.Slack.Sync;

/// <summary>
/// <see cref="FormattedText"/> as Slack mrkdwn: every text escaped (&amp;, &lt;, &gt;), so nothing a staff reply says can
/// become a mention, a link or <c>&lt;!channel&gt;</c>; styles and links only where the text had them. Cut into sections
/// of at most 3,000 characters at line ends, as many as a message may carry.
/// </summary>
public static class SlackMrkdwn
{
    /// <summary>Sections of one reply; the rest of a longer one is in the ticket.</summary>
    public const int MaxSections = 20;

    public static IReadOnlyList<string> Sections(FormattedText text)
    {
        var sections = new List<string>();
        var current = new StringBuilder();
        var inCode = false;
        var limit = BlockKit.MaxSectionTextLength - 8;
        foreach (var line in Lines(text))
        {
            var (rendered, code) = line;
            var opening = code && !inCode ? "```\n" : !code && inCode ? "```\n" : "";
            if (current.Length > 0 && current.Length + opening.Length + rendered.Length + 5 > limit)
            {
                if (inCode)
                {
                    current.Append("```");
                }

                sections.Add(current.ToString().TrimEnd('\n'));
                current.Clear();
                if (sections.Count == MaxSections)
                {
                    sections[^1] = BlockKit.Cut(sections[^1], limit) + "\n…";
                    return sections;
                }

                opening = code ? "```\n" : "";
            }

            current.Append(opening).Append(BlockKit.Cut(rendered, limit)).Append('\n');
            inCode = code;
        }

        if (inCode)
        {
            current.Append("```");
        }

        if (current.Length > 0)
        {
            sections.Add(current.ToString().TrimEnd('\n'));
        }

        return sections;
    }

    private static IEnumerable<(string Text, bool Code)> Lines(FormattedText text)
    {
        foreach (var line in text.Lines)
        {
            var indent = new string(' ', line.Depth * 4);
            yield return line.Kind switch
            {
                LineKind.Code => (BlockKit.Escape(string.Concat(line.Spans.Select(s => s.Text))).Replace("```", "ˋˋˋ", StringComparison.Ordinal), true),
                LineKind.Blank => ("", false),
                LineKind.Heading => ("*" + BlockKit.Escape(string.Concat(line.Spans.Select(s => s.Text))).Trim() + "*", false),
                LineKind.Bullet => (indent + "• " + Spans(line.Spans), false),
                LineKind.Numbered => (indent + line.Number.ToString(CultureInfo.InvariantCulture) + ". " + Spans(line.Spans), false),
                LineKind.Quote => ("&gt; " + Spans(line.Spans), false),
                _ => (Spans(line.Spans), false),
            };
        }
    }

    private static string Spans(IReadOnlyList<TextSpan> spans)
    {
        var output = new StringBuilder();
        foreach (var span in spans)
        {
            var text = BlockKit.Escape(span.Text);
            if (span.Style.HasFlag(SpanStyle.Code))
            {
                output.Append('`').Append(text.Replace("`", "ˋ", StringComparison.Ordinal)).Append('`');
                continue;
            }

            var core = text.Trim();
            if (core.Length == 0)
            {
                output.Append(text);
                continue;
            }

            if (span.Link is { } link)
            {
                // The target as Slack parses it: no bar or angle bracket may end the token early.
                var target = link.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal);
                core = "<" + target + "|" + core.Replace("|", "¦", StringComparison.Ordinal) + ">";
            }

            // Markers hug the words: Slack takes "*bold*" but not "* bold *".
            var marked = Wrap(Wrap(Wrap(core, span.Style, SpanStyle.Bold, '*'), span.Style, SpanStyle.Italic, '_'), span.Style, SpanStyle.Strike, '~');
            output.Append(text.AsSpan(0, text.Length - text.TrimStart().Length)).Append(marked).Append(text.AsSpan(text.TrimEnd().Length));
        }

        return output.ToString();
    }

    private static string Wrap(string text, SpanStyle style, SpanStyle flag, char marker) =>
        style.HasFlag(flag) ? marker + text + marker : text;
}
