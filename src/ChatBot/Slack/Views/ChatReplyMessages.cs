using System.Text.Json.Nodes;
using ChatBot.ChatCommands;

namespace ChatBot.Slack.Views;

/// <summary>A chat command's reply as Slack shows it: a section and its URL buttons, only to the person who asked.</summary>
public static class ChatReplyMessages
{
    /// <summary>Every URL button the bot shows (sign-in links); its click is acknowledged and nothing more.</summary>
    public const string OpenUrlActionId = "open_url";

    public static JsonArray Blocks(string text, IEnumerable<(string Label, Uri Url)> buttons)
    {
        var blocks = new JsonArray(BlockKit.Section(text));
        var list = buttons.ToList();
        if (list.Count > 0)
        {
            blocks.Add((JsonNode)BlockKit.UrlButtons(OpenUrlActionId, list));
        }

        return blocks;
    }

    /// <summary>The slash command's HTTP answer: ephemeral, so the link in a button is the asker's alone.</summary>
    public static JsonObject Ephemeral(ChatReply reply) => StatusViews.Ephemeral(reply.Text, Blocks(reply.Text, reply.Buttons.Select(b => (b.Label, b.Url))));
}
