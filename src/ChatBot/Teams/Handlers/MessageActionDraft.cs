using ChatBot.Teams.Activities;
using ChatBot.Teams.Cards;
using ChatBot.Markup;

namespace ChatBot.Teams.Handlers;

/// <summary>How a message prefills the form: the first line as subject; its Markdown, author and link as the text.</summary>
public static class MessageActionDraft
{
    public const string CommandId = "createTicket";

    private const int SubjectLength = 80;

    public static TicketCardValues Prefill(MessagePayload? message, TeamsTexts texts)
    {
        var markdown = HtmlToMarkdown.Convert(message?.Body?.Content);
        var author = message?.From?.User?.DisplayName ?? message?.From?.Application?.DisplayName;
        var text = markdown;
        if (author is not null || !string.IsNullOrEmpty(message?.LinkToMessage))
        {
            var source = author is null ? "" : texts.Format(texts.FromMessage, author);
            text = (markdown + "\n\n---\n" + source + (string.IsNullOrEmpty(message?.LinkToMessage) ? "" : "\n" + message.LinkToMessage)).Trim();
        }

        return TicketCardValues.Empty with { Subject = Subject(markdown), Message = text };
    }

    private static string Subject(string markdown)
    {
        var first = markdown.Split('\n').Select(l => l.Trim().TrimStart('#', '>', '-', ' ').Replace("**", "", StringComparison.Ordinal))
            .FirstOrDefault(l => l.Length > 0) ?? "";
        if (first.Length <= SubjectLength)
        {
            return first;
        }

        // An input's value, not Markdown: nothing to unescape, but a cut must not split a surrogate pair.
        var end = SubjectLength - 1;
        if (char.IsHighSurrogate(first[end - 1]))
        {
            end--;
        }

        return first[..end].TrimEnd() + "…";
    }
}
