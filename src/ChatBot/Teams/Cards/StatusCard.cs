using System.Text.Json.Nodes;
using ChatBot.Tickets;

namespace ChatBot.Teams.Cards;

/// <summary>The cards that replace the form: "creating", and the pipeline's result (with "Submit again" when uncertain).</summary>
public static class StatusCard
{
    public static JsonObject Creating(TeamsTexts texts, string subject) => Message(texts, texts.Format(texts.Creating, subject));

    /// <summary>The form's title and one message instead of the form.</summary>
    public static JsonObject Message(TeamsTexts texts, string text) =>
        CardElements.Card(new JsonArray(CardElements.Heading(texts.CardTitle), CardElements.Text(text)));

    /// <summary>Only a single-user (personal) conversation may see <see cref="TicketNotice.PrivateText"/>: it holds the ticket link.</summary>
    public static JsonObject ForNotice(TicketNotice notice, bool includePrivate)
    {
        var texts = TeamsTexts.For(notice.Culture);
        var heading = notice.TicketNumber is { } number ? texts.Format(texts.TicketOpened, number) : notice.Subject;
        var body = new JsonArray(CardElements.Heading(heading), CardElements.Text(notice.PublicText));
        if (notice.Status is { } status)
        {
            // The sync keeps the ticket's current status on the card that announced it.
            body.Add((JsonNode)CardElements.Text(status, subtle: true));
        }

        if (includePrivate && notice.PrivateText is { } privateText)
        {
            body.Add((JsonNode)PrivateText(privateText, notice.TicketUrl));
        }

        if (includePrivate && notice.SignIn is { } signIn)
        {
            // The sign-in link is a bearer secret like the ticket link: only where the requester alone sees the card.
            return CardElements.Card(body, CardElements.OpenUrl(signIn.Label, signIn.Url));
        }

        if (notice.Kind != TicketNoticeKind.Uncertain)
        {
            return CardElements.Card(body);
        }

        var data = new JsonObject { [TicketCard.ActionKey] = TicketCard.ResubmitVerb, [TicketCard.SubmissionIdKey] = notice.SubmissionId };
        return CardElements.Card(body, CardElements.Action(TicketCardSubmit.Execute, texts.SubmitAgain, TicketCard.ResubmitVerb, data, validatesInputs: false));
    }

    /// <summary>Shown where others can see, when the answer went to the requester's 1:1 chat.</summary>
    public static JsonObject SentPrivately(TeamsTexts texts) => CardElements.Card(new JsonArray(CardElements.Text(texts.SentPrivately)));

    /// <summary>The private part alone, for the requester's 1:1 chat.</summary>
    public static JsonObject Private(TicketNotice notice)
    {
        var texts = TeamsTexts.For(notice.Culture);
        var heading = notice.TicketNumber is { } number ? texts.Format(texts.TicketOpened, number) : notice.Subject;
        return CardElements.Card(new JsonArray(
            CardElements.Heading(heading), notice.PrivateText is { } privateText ? PrivateText(privateText, notice.TicketUrl) : CardElements.Text(notice.PublicText)));
    }

    // The link is the bot's own (the operator's template with the escaped tid and key) and must stay a working URL;
    // the text around it may carry user text, so only that is escaped.
    private static JsonObject PrivateText(string text, Uri? url)
    {
        var link = url?.ToString();
        var at = link is null ? -1 : text.IndexOf(link, StringComparison.Ordinal);
        return at < 0
            ? CardElements.Text(text)
            : CardElements.Markdown(CardMarkdown.Escape(text[..at]) + link + CardMarkdown.Escape(text[(at + link!.Length)..]));
    }
}
