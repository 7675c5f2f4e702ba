using System.Text;
using System.Text.Json;

namespace ChatBot.Slack.Markdown;

/// <summary>
/// A message's <c>rich_text</c> blocks to CommonMark. Preferred over <c>text</c>: styles, lists, quotes and
/// mentions are structured there, so nothing has to be guessed from asterisks. The blocks stay JSON rather than records:
/// a message holds every kind of block, with members of one name and several types (<c>style</c> is a string on a list,
/// an object on text), and Slack adds element types freely. So the payload is checked once when it is read
/// (<see cref="Check"/>), and every read here looks at the kind of what it reads.
/// </summary>
public static class RichTextConverter
{
    /// <summary>Slack's list indents run from 0 to 8; the Markdown indent is two spaces per level.</summary>
    public const int MaxIndent = 8;

    /// <summary>
    /// Refuses, with a <see cref="JsonException"/> (a 400 while the payload is read), rich text no Slack client sends:
    /// a container or element that is not an object, or a list whose indent is outside 0..8 or whose offset is negative.
    /// Blocks of other kinds, and element types not known here, pass as they are.
    /// </summary>
    public static void Check(JsonElement? blocks)
    {
        if (blocks is not { ValueKind: JsonValueKind.Array } array)
        {
            return;
        }

        foreach (var block in array.EnumerateArray())
        {
            if (Str(block, "type") != "rich_text" || !block.TryGetProperty("elements", out var containers))
            {
                continue;
            }

            foreach (var container in Objects(containers, "rich_text"))
            {
                var type = Str(container, "type") ?? "rich text container";
                var elements = Objects(ElementsOf(container), type);
                if (type == "rich_text_list")
                {
                    CheckRange(container, "indent", 0, MaxIndent);
                    CheckRange(container, "offset", 0, int.MaxValue / 2);
                    foreach (var item in elements)
                    {
                        Objects(ElementsOf(item), "list item");
                    }
                }
            }
        }
    }

    private static void CheckRange(JsonElement container, string name, int min, int max)
    {
        if (container.TryGetProperty(name, out var value)
            && (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max))
        {
            throw new JsonException($"rich_text_list {name} must be a number from {min} to {max}.");
        }
    }

    private static JsonElement ElementsOf(JsonElement container) =>
        container.TryGetProperty("elements", out var elements) ? elements : default;

    /// <summary>The entries of an <c>elements</c> array (none when absent), each an object; anything else is refused.</summary>
    private static List<JsonElement> Objects(JsonElement elements, string parent)
    {
        if (elements.ValueKind == JsonValueKind.Undefined)
        {
            return [];
        }

        if (elements.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException($"The elements of a {parent} must be an array.");
        }

        var objects = new List<JsonElement>(elements.GetArrayLength());
        foreach (var element in elements.EnumerateArray())
        {
            objects.Add(element.ValueKind == JsonValueKind.Object ? element : throw new JsonException($"An element of a {parent} must be an object."));
        }

        return objects;
    }

    /// <summary>Null when the blocks hold no rich_text (the caller falls back to <c>text</c>).</summary>
    public static string? Convert(JsonElement? blocks, IReadOnlyDictionary<string, string> userNames, IReadOnlyDictionary<string, string> channelNames)
    {
        if (blocks is not { ValueKind: JsonValueKind.Array } array)
        {
            return null;
        }

        var output = new StringBuilder();
        var found = false;
        foreach (var block in array.EnumerateArray())
        {
            if (Str(block, "type") != "rich_text" || !block.TryGetProperty("elements", out var elements) || elements.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            found = true;
            foreach (var element in elements.EnumerateArray())
            {
                WriteContainer(element, output, userNames, channelNames);
            }
        }

        return found ? output.ToString().TrimEnd('\n') : null;
    }

    /// <summary>User ids of <c>user</c> elements, to resolve before converting.</summary>
    public static IReadOnlySet<string> FindUserIds(JsonElement? blocks)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (blocks is { ValueKind: JsonValueKind.Array } array)
        {
            Collect(array, ids);
        }

        return ids;
    }

    private static void Collect(JsonElement node, HashSet<string> ids)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in node.EnumerateArray())
            {
                Collect(child, ids);
            }
        }
        else if (node.ValueKind == JsonValueKind.Object)
        {
            if (Str(node, "type") == "user" && Str(node, "user_id") is { } id)
            {
                ids.Add(id);
            }

            if (node.TryGetProperty("elements", out var elements))
            {
                Collect(elements, ids);
            }
        }
    }

    private static void WriteContainer(JsonElement element, StringBuilder output, IReadOnlyDictionary<string, string> users, IReadOnlyDictionary<string, string> channels)
    {
        switch (Str(element, "type"))
        {
            case "rich_text_section":
                output.Append(Inline(element, users, channels));
                if (output.Length > 0 && output[^1] != '\n')
                {
                    output.Append('\n');
                }

                break;
            case "rich_text_list":
                var ordered = Str(element, "style") == "ordered";
                // Checked when the payload was read; clamped again so that no caller can make this allocate.
                var indent = new string(' ', Math.Clamp(Int(element, "indent"), 0, MaxIndent) * 2);
                var number = Math.Clamp(Int(element, "offset"), 0, int.MaxValue / 2);
                foreach (var item in Elements(element))
                {
                    number++;
                    output.Append(indent).Append(ordered ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) + ". " : "- ")
                        .Append(Inline(item, users, channels).TrimEnd('\n')).Append('\n');
                }

                break;
            case "rich_text_quote":
                foreach (var line in Inline(element, users, channels).TrimEnd('\n').Split('\n'))
                {
                    output.Append("> ").Append(line).Append('\n');
                }

                break;
            case "rich_text_preformatted":
                output.Append("```\n").Append(Raw(element).TrimEnd('\n')).Append("\n```\n");
                break;
        }
    }

    private static string Inline(JsonElement container, IReadOnlyDictionary<string, string> users, IReadOnlyDictionary<string, string> channels)
    {
        var text = new StringBuilder();
        foreach (var e in Elements(container))
        {
            var piece = Str(e, "type") switch
            {
                "text" => Styled(Str(e, "text") ?? "", e),
                "link" => Link(e),
                "user" => "@" + (Str(e, "user_id") is { } u && users.TryGetValue(u, out var name) ? name : Str(e, "user_id")),
                "channel" => "#" + (Str(e, "channel_id") is { } c && channels.TryGetValue(c, out var channel) ? channel : Str(e, "channel_id")),
                "usergroup" => "@" + Str(e, "usergroup_id"),
                "broadcast" => "@" + Str(e, "range"),
                "emoji" => Str(e, "unicode") is { } code ? Emoji(code) : ":" + Str(e, "name") + ":",
                "date" => Str(e, "fallback") ?? "",
                _ => "",
            };
            text.Append(piece);
        }

        return text.ToString();
    }

    private static string Link(JsonElement e)
    {
        var url = Str(e, "url") ?? "";
        var label = Str(e, "text");
        return string.IsNullOrEmpty(label) || label == url ? "<" + url + ">" : Styled("[" + SlackMarkdownConverter.LinkLabel(label) + "](" + url + ")", e);
    }

    private static string Styled(string text, JsonElement e)
    {
        if (!e.TryGetProperty("style", out var style) || style.ValueKind != JsonValueKind.Object || text.Trim().Length == 0)
        {
            return text;
        }

        // Markers hug the words: "**bold **" is not bold in CommonMark, so spaces stay outside.
        var core = text.Trim();
        var lead = text[..text.IndexOf(core, StringComparison.Ordinal)];
        var trail = text[(lead.Length + core.Length)..];
        if (Flag(style, "code"))
        {
            core = "`" + core + "`";
        }

        if (Flag(style, "strike"))
        {
            core = "~~" + core + "~~";
        }

        if (Flag(style, "italic"))
        {
            core = "*" + core + "*";
        }

        if (Flag(style, "bold"))
        {
            core = "**" + core + "**";
        }

        return lead + core + trail;
    }

    private static string Raw(JsonElement container) =>
        string.Concat(Elements(container).Select(e => Str(e, "type") == "link" ? Str(e, "url") : Str(e, "text")));

    private static string Emoji(string hex)
    {
        try
        {
            return string.Concat(hex.Split('-').Select(h => char.ConvertFromUtf32(System.Convert.ToInt32(h, 16))));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            return "";
        }
    }

    private static JsonElement.ArrayEnumerator Elements(JsonElement container) =>
        container.ValueKind == JsonValueKind.Object && container.TryGetProperty("elements", out var elements) && elements.ValueKind == JsonValueKind.Array
            ? elements.EnumerateArray()
            : EmptyArray.EnumerateArray();

    private static int Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;

    private static readonly JsonElement EmptyArray = JsonDocument.Parse("[]").RootElement.Clone();

    private static bool Flag(JsonElement style, string name) =>
        style.ValueKind == JsonValueKind.Object && style.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
