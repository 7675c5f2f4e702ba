namespace ChatBot.Markup;

/// <summary>
/// Text with the formatting a chat can show, independent of any chat's markup: lines of styled spans. Parsed once from
/// Markdown (<see cref="MarkdownParser"/>); each platform renders it with its own escaping, so text can never turn into
/// markup on the way (a staff reply's "&lt;!channel&gt;" stays text in Slack, its "[x](y)" is a link only where it was one).
/// </summary>
public sealed record FormattedText(IReadOnlyList<TextLine> Lines)
{
    public static FormattedText Empty { get; } = new([]);

    /// <summary>The text without formatting, lines joined by newlines: for notifications and length checks.</summary>
    public string Plain => string.Join('\n', Lines.Select(l => string.Concat(l.Spans.Select(s => s.Text))));
}

public enum LineKind
{
    Paragraph,
    /// <summary>An empty line between paragraphs.</summary>
    Blank,
    Heading,
    Bullet,
    /// <summary>An ordered list item; <see cref="TextLine.Number"/> is its number.</summary>
    Numbered,
    Quote,
    /// <summary>A line of a code block: one unstyled span, shown monospaced and never parsed.</summary>
    Code,
}

/// <param name="Depth">Nesting of list items (0 for the outermost).</param>
public sealed record TextLine(LineKind Kind, IReadOnlyList<TextSpan> Spans, int Number = 0, int Depth = 0);

[Flags]
public enum SpanStyle
{
    None = 0,
    Bold = 1,
    Italic = 2,
    Strike = 4,
    Code = 8,
}

/// <param name="Link">An http, https or mailto target; other schemes are dropped when parsed.</param>
public sealed record TextSpan(string Text, SpanStyle Style = SpanStyle.None, Uri? Link = null);
