namespace ChatBot.Tickets;

/// <summary>
/// Known WHMCS OpenTicket/AddTicketReply error strings (exact, from WHMCS's API) and their Italian wording.
/// Unknown messages (a host's own validation hooks) are passed through as they came.
/// </summary>
public static class WhmcsMessages
{
    private static readonly Dictionary<string, string> Italian = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Department ID not found"] = "reparto non trovato",
        ["Client ID Not Found"] = "cliente non trovato",
        ["Contact ID Not Found"] = "contatto non trovato",
        ["The system cannot find the provided user ID."] = "utente non trovato",
        ["Name and email address are required if not a client"] = "nome e indirizzo email sono obbligatori per chi non è cliente",
        ["Email Address Invalid"] = "indirizzo email non valido",
        ["Subject is required"] = "l'oggetto è obbligatorio",
        ["Message is required"] = "il messaggio è obbligatorio",
        ["Service ID Not Found"] = "servizio non trovato",
        ["Domain ID Not Found"] = "dominio non trovato",
        ["Ticket ID Not Found"] = "ticket non trovato",
        ["Unable to generate ticket number."] = "impossibile generare il numero del ticket",
        ["Invalid Date Format"] = "formato della data non valido",
    };

    public static string Localize(string message, TicketTexts texts)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return texts.UnknownError;
        }

        var trimmed = message.Trim();
        return texts.Culture == "it" && Italian.TryGetValue(trimmed, out var italian) ? italian : trimmed;
    }
}
