namespace ChatBot.Teams.Handlers;

/// <summary>
/// Recognises "ticket" in typed text. Teams puts the bot's @mention into the text as <c>&lt;at&gt;Name&lt;/at&gt;</c>
/// in channels and group chats; the command list entry arrives as the plain word.
/// </summary>
public static class TicketCommand
{
    public const string Name = "ticket";

    private static readonly string[] Phrases =
        ["ticket", "/ticket", "new ticket", "open ticket", "create ticket", "nuovo ticket", "apri ticket", "crea ticket", "apri un ticket"];

    public static bool IsTicketRequest(string? text) => Phrases.Contains(Normalize(text), StringComparer.OrdinalIgnoreCase);

    /// <summary>The text without mentions, entities and surrounding punctuation, whitespace collapsed.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var withoutMentions = new System.Text.StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf("<at", i, StringComparison.OrdinalIgnoreCase);
            if (open < 0)
            {
                withoutMentions.Append(text, i, text.Length - i);
                break;
            }

            withoutMentions.Append(text, i, open - i);
            var close = text.IndexOf("</at>", open, StringComparison.OrdinalIgnoreCase);
            i = close < 0 ? text.Length : close + "</at>".Length;
        }

        var decoded = System.Net.WebUtility.HtmlDecode(withoutMentions.ToString());
        return string.Join(' ', decoded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim('.', '!', '?', ' ');
    }
}
