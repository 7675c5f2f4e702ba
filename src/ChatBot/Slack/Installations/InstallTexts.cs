namespace ChatBot.Slack.Installations;

/// <summary>The install pages' words in English and Italian, picked from the browser's Accept-Language.</summary>
public sealed record InstallTexts(
    string Culture,
    string Title,
    string Intro,
    string Button,
    string AdminNote,
    string InstalledTitle,
    Func<string, string> InstalledIn,
    string NextSteps,
    string InviteHint,
    string CancelledTitle,
    string CancelledText,
    string ExpiredTitle,
    string ExpiredText,
    string RefusedTitle,
    Func<string, string> RefusedText,
    string UnavailableTitle,
    string UnavailableText,
    string StartAgain,
    string OffTitle,
    string OffText,
    string BusyTitle,
    string BusyText)
{
    public static readonly InstallTexts English = new(
        "en",
        "Add the ticket bot to Slack",
        "Install the bot in your Slack workspace: everyone there can then open Keliweb support tickets without leaving Slack.",
        "Add to Slack",
        "You need permission to install apps in the workspace; Slack shows what the bot may do before you approve.",
        "Installed",
        team => $"The bot is installed in {team}.",
        "Type /ticket in any channel to open a ticket, or use “Create ticket” in a message's menu.",
        "Invite the bot into the channels where it should answer: /invite @keliweb-tickets.",
        "Installation cancelled",
        "Nothing was installed. You can start again whenever you like.",
        "This installation link is no longer valid",
        "It expired, was already used, or was opened in another browser. Nothing was installed.",
        "Slack did not complete the installation",
        error => $"Slack answered “{error}”. Nothing was installed.",
        "Slack could not be reached",
        "Nothing was installed. Try again in a minute.",
        "Start again",
        "Installation is not available",
        "This bot is not set up for installing from a browser.",
        "Too many installations under way",
        "Come back in a few minutes and start again.");

    public static readonly InstallTexts Italian = new(
        "it",
        "Aggiungi il bot dei ticket a Slack",
        "Installa il bot nel tuo workspace Slack: chiunque potrà aprire ticket di assistenza Keliweb senza uscire da Slack.",
        "Aggiungi a Slack",
        "Serve il permesso di installare app nel workspace; Slack mostra cosa potrà fare il bot prima che tu approvi.",
        "Installato",
        team => $"Il bot è installato in {team}.",
        "Scrivi /ticket in un canale qualsiasi per aprire un ticket, oppure usa “Create ticket” dal menu di un messaggio.",
        "Invita il bot nei canali dove deve rispondere: /invite @keliweb-tickets.",
        "Installazione annullata",
        "Non è stato installato nulla. Puoi ricominciare quando vuoi.",
        "Questo link di installazione non è più valido",
        "È scaduto, è già stato usato oppure è stato aperto in un altro browser. Non è stato installato nulla.",
        "Slack non ha completato l'installazione",
        error => $"Slack ha risposto “{error}”. Non è stato installato nulla.",
        "Slack non è raggiungibile",
        "Non è stato installato nulla. Riprova tra un minuto.",
        "Ricomincia",
        "Installazione non disponibile",
        "Questo bot non è configurato per l'installazione dal browser.",
        "Troppe installazioni in corso",
        "Torna tra qualche minuto e ricomincia.");

    /// <summary>The first of English or Italian the browser asks for, by quality; English when it asks for neither.</summary>
    public static InstallTexts For(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        IList<Microsoft.Net.Http.Headers.StringWithQualityHeaderValue> languages;
        try
        {
            languages = request.GetTypedHeaders().AcceptLanguage;
        }
        catch (FormatException)
        {
            return English;
        }

        foreach (var language in languages.OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = language.Value.Value ?? "";
            if (tag.StartsWith("it", StringComparison.OrdinalIgnoreCase))
            {
                return Italian;
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return English;
            }
        }

        return English;
    }
}
