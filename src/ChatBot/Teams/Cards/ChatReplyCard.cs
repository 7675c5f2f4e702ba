using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatBot.ChatCommands;

namespace ChatBot.Teams.Cards;

/// <summary>A chat command's reply as an Adaptive Card: its text, and an <c>Action.OpenUrl</c> per button.</summary>
public static partial class ChatReplyCard
{
    public static JsonObject Build(ChatReply reply) =>
        CardElements.Card(
            new JsonArray([.. Lines(reply.Text).Select(line => (JsonNode)CardElements.Text(line))]),
            [.. reply.Buttons.Select(b => CardElements.OpenUrl(b.Label, b.Url))]);

    // Adaptive Cards show `code` literally: commands are quoted instead. One block per line keeps lists readable.
    private static string[] Lines(string text) =>
        Backticked().Replace(text, "“$1”").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex Backticked();
}
