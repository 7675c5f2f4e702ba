using System.Text;
using System.Text.Json.Nodes;

namespace ChatBot.Tests.Teams.Cards;

/// <summary>Reads the texts Teams renders as Markdown out of a card: TextBlock <c>text</c>, Fact <c>title</c> and <c>value</c>.</summary>
internal static class CardText
{
    private const string Active = "\\*_[]`~<>";

    public static IEnumerable<string> Rendered(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "TextBlock" && o["text"] is { } text => [text.GetValue<string>()],
        JsonObject o when o["type"]?.GetValue<string>() == "FactSet" => o["facts"]!.AsArray().SelectMany(f => new[] { f!["title"]!.GetValue<string>(), f["value"]!.GetValue<string>() }),
        JsonObject o => o.SelectMany(p => Rendered(p.Value)),
        JsonArray a => a.SelectMany(Rendered),
        _ => [],
    };

    /// <summary>The first character Markdown would act on (a link bracket, emphasis) that is not backslash-escaped, or null.</summary>
    public static int? UnescapedMarkdown(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++; // an escape and what it escapes
            }
            else if (Active.Contains(text[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>What a reader sees: backslash escapes removed.</summary>
    public static string Shown(string text)
    {
        var shown = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] < 128 && (char.IsPunctuation(text[i + 1]) || char.IsSymbol(text[i + 1])))
            {
                i++;
            }

            shown.Append(text[i]);
        }

        return shown.ToString();
    }

    /// <summary>Some rendered text shows <paramref name="typed"/> as typed, and no rendered text leaves Markdown active.</summary>
    public static void AssertShowsAsTyped(JsonNode? card, string typed)
    {
        var texts = Rendered(card).ToList();
        Assert.All(texts, t => Assert.True(UnescapedMarkdown(t) is null, $"Markdown left active at {UnescapedMarkdown(t)} in: {t}"));
        Assert.Contains(texts, t => Shown(t).Contains(typed, StringComparison.Ordinal));
    }
}
