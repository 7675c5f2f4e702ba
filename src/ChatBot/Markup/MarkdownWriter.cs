using System.Globalization;
using System.Text;

namespace ChatBot.Markup;

/// <summary>
/// The Markdown being written, with what the scanner is inside of: links, lists, preformatted blocks. Nesting only
/// counts so far (a message is hostile input): deeper lists are not indented further, deeper links keep their text.
/// </summary>
internal sealed class MarkdownWriter
{
    private const int MaxListIndent = 8;
    private const int MaxLinkNesting = 4;

    private readonly StringBuilder output = new();
    private readonly Stack<(string Href, int Start)> links = new();
    private readonly Stack<int?> lists = new(); // null: bullets; a number: the next ordinal
    private int preformatted;
    private int linksTooDeep;

    public void Text(string text)
    {
        if (preformatted > 0)
        {
            output.Append(text);
            return;
        }

        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (output.Length > 0 && output[^1] is not (' ' or '\n'))
                {
                    output.Append(' ');
                }
            }
            else
            {
                output.Append(c);
            }
        }
    }

    public void Tag(HtmlTag tag)
    {
        switch (tag.Name)
        {
            case "br":
                TrimTrailingSpaces();
                output.Append('\n');
                break;
            case "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "blockquote" or "table":
                Paragraph();
                if (!tag.Closing && tag.Name[0] == 'h' && tag.Name.Length == 2)
                {
                    output.Append('#', tag.Name[1] - '0').Append(' ');
                }
                else if (!tag.Closing && tag.Name == "blockquote")
                {
                    output.Append("> ");
                }

                break;
            case "div" or "tr":
                Line();
                break;
            case "td" or "th":
                if (!tag.Closing && output.Length > 0 && output[^1] != '\n')
                {
                    output.Append(" | ");
                }

                break;
            case "b" or "strong":
                output.Append("**");
                break;
            case "i" or "em":
                output.Append('_');
                break;
            case "s" or "strike" or "del":
                output.Append("~~");
                break;
            case "code" when preformatted == 0:
                output.Append('`');
                break;
            case "pre":
                Line();
                output.Append("```\n");
                preformatted += tag.Closing ? -1 : 1;
                if (tag.Closing)
                {
                    Line();
                }

                break;
            case "at":
                if (!tag.Closing)
                {
                    output.Append('@');
                }

                break;
            case "a":
                Link(tag);
                break;
            case "ul" or "ol":
                List(tag);
                break;
            case "li" when !tag.Closing:
                ListItem();
                break;
            case "img" when tag.Attributes.TryGetValue("alt", out var alt) && alt.Length > 0:
                Text("[" + alt + "]");
                break;
        }
    }

    public override string ToString()
    {
        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd());
        var text = string.Join('\n', lines);
        while (text.Contains("\n\n\n", StringComparison.Ordinal))
        {
            text = text.Replace("\n\n\n", "\n\n", StringComparison.Ordinal);
        }

        return text.Trim('\n', ' ');
    }

    private void Link(HtmlTag tag)
    {
        if (!tag.Closing)
        {
            if (links.Count >= MaxLinkNesting)
            {
                linksTooDeep++;
            }
            else
            {
                links.Push((tag.Attributes.GetValueOrDefault("href") ?? "", output.Length));
            }

            return;
        }

        if (linksTooDeep > 0)
        {
            linksTooDeep--;
            return;
        }

        if (links.Count == 0)
        {
            return;
        }

        var (href, start) = links.Pop();
        var text = output.ToString(start, output.Length - start).Trim();
        output.Length = start;
        if (href.Length == 0 || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
        {
            output.Append(text);
        }
        else if (text.Length == 0 || text == href)
        {
            output.Append('<').Append(href).Append('>');
        }
        else
        {
            output.Append('[').Append(text).Append("](").Append(href).Append(')');
        }
    }

    private void List(HtmlTag tag)
    {
        if (tag.Closing)
        {
            if (lists.Count > 0)
            {
                lists.Pop();
            }

            if (lists.Count == 0)
            {
                Paragraph();
            }

            return;
        }

        if (lists.Count == 0)
        {
            Paragraph();
        }

        lists.Push(tag.Name == "ol" ? 1 : null);
    }

    private void ListItem()
    {
        Line();
        var depth = Math.Clamp(lists.Count - 1, 0, MaxListIndent);
        output.Append(' ', depth * 2);
        if (lists.Count > 0 && lists.Peek() is { } number)
        {
            lists.Pop();
            lists.Push(number + 1);
            output.Append(number.ToString(CultureInfo.InvariantCulture)).Append(". ");
        }
        else
        {
            output.Append("- ");
        }
    }

    private void Line()
    {
        TrimTrailingSpaces();
        if (output.Length > 0 && output[^1] != '\n')
        {
            output.Append('\n');
        }
    }

    private void Paragraph()
    {
        Line();
        if (output.Length > 0 && !(output.Length >= 2 && output[^2] == '\n'))
        {
            output.Append('\n');
        }
    }

    private void TrimTrailingSpaces()
    {
        while (output.Length > 0 && output[^1] == ' ')
        {
            output.Length--;
        }
    }
}

/// <summary>One scanned tag: <c>&lt;a href="…"&gt;</c> is ("a", false, {href}); <c>&lt;/a&gt;</c> is ("a", true, {}).</summary>
internal readonly record struct HtmlTag(string Name, bool Closing, IReadOnlyDictionary<string, string> Attributes);
