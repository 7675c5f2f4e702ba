using System.Text.Json.Nodes;

namespace ChatBot.Teams.Cards;

/// <summary>The few Adaptive Card 1.5 elements the bot's cards are made of, as JSON nodes.</summary>
public static class CardElements
{
    public const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const string Version = "1.5";

    public static JsonObject Card(JsonArray body, params JsonObject[] actions)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = Schema,
            ["version"] = Version,
            ["body"] = body,
        };
        if (actions.Length > 0)
        {
            card["actions"] = new JsonArray(actions.Select(a => (JsonNode?)a).ToArray());
        }

        return card;
    }

    /// <summary>A heading showing <paramref name="text"/> as is (escaped: Teams renders TextBlocks as Markdown).</summary>
    public static JsonObject Heading(string text) =>
        new() { ["type"] = "TextBlock", ["text"] = CardMarkdown.EscapeAndCut(text), ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true };

    /// <summary>A text block showing <paramref name="text"/> as is: whatever a user typed in it stays text, never a link.</summary>
    public static JsonObject Text(string text, bool subtle = false, bool attention = false) =>
        Markdown(CardMarkdown.EscapeAndCut(text), subtle, attention);

    /// <summary>A text block of Markdown the bot wrote itself, with any user text in it already escaped (<see cref="CardMarkdown"/>).</summary>
    public static JsonObject Markdown(string markdown, bool subtle = false, bool attention = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = markdown, ["wrap"] = true };
        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (attention)
        {
            block["color"] = "Attention";
        }

        return block;
    }

    public static JsonObject Choice(string title, string value) => new() { ["title"] = title, ["value"] = value };

    public static JsonObject ChoiceSet(string id, string label, JsonArray choices, string? value, string errorMessage)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.ChoiceSet", ["id"] = id, ["label"] = label, ["style"] = "compact",
            ["choices"] = choices, ["isRequired"] = true, ["errorMessage"] = errorMessage,
        };
        if (!string.IsNullOrEmpty(value))
        {
            input["value"] = value;
        }

        return input;
    }

    /// <summary>
    /// A choice set with typeahead over its choices (<c>style: filtered</c>, Adaptive Cards 1.5); <paramref name="requiredMessage"/>
    /// null means optional.
    /// </summary>
    public static JsonObject FilteredChoiceSet(string id, string label, JsonArray choices, string? value, string placeholder, string? requiredMessage)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.ChoiceSet", ["id"] = id, ["label"] = label, ["style"] = "filtered", ["placeholder"] = placeholder, ["choices"] = choices,
        };
        if (requiredMessage is not null)
        {
            input["isRequired"] = true;
            input["errorMessage"] = requiredMessage;
        }

        if (!string.IsNullOrEmpty(value))
        {
            input["value"] = value;
        }

        return input;
    }

    /// <summary>A text input; <paramref name="requiredMessage"/> null means optional.</summary>
    public static JsonObject TextInput(string id, string label, string? value, string? requiredMessage, bool multiline, int? maxLength = null)
    {
        var input = new JsonObject { ["type"] = "Input.Text", ["id"] = id, ["label"] = label };
        if (multiline)
        {
            input["isMultiline"] = true;
        }

        if (maxLength is { } max)
        {
            input["maxLength"] = max;
        }

        if (requiredMessage is not null)
        {
            input["isRequired"] = true;
            input["errorMessage"] = requiredMessage;
        }

        if (!string.IsNullOrEmpty(value))
        {
            input["value"] = value;
        }

        return input;
    }

    /// <summary>Opens <paramref name="url"/> in the browser; nothing is sent to the bot.</summary>
    public static JsonObject OpenUrl(string title, Uri url) => new() { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url.AbsoluteUri, ["style"] = "positive" };

    /// <summary>A submitting action; Execute carries a verb and falls back to Submit for clients without Universal Actions.</summary>
    public static JsonObject Action(TicketCardSubmit kind, string title, string verb, JsonObject data, bool validatesInputs)
    {
        var submit = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };
        if (!validatesInputs)
        {
            submit["associatedInputs"] = "none";
        }

        if (kind == TicketCardSubmit.Submit)
        {
            return submit;
        }

        var execute = new JsonObject { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = verb, ["data"] = data.DeepClone(), ["fallback"] = submit };
        if (!validatesInputs)
        {
            execute["associatedInputs"] = "none";
        }

        return execute;
    }
}
