namespace ChatBot.Tickets.Services;

/// <summary>The service field's texts, the same on every platform, in English and Italian.</summary>
public sealed record ServiceTexts(
    string Culture,
    string Label,
    string Placeholder,
    string RequiredHint,
    string OptionalHint,
    string Unavailable,
    string UnavailableNote,
    string Unknown,
    Func<string, string> Required,
    Func<string, string> Status)
{
    public static ServiceTexts For(string? locale) =>
        locale is not null && locale.StartsWith("it", StringComparison.OrdinalIgnoreCase) ? Italian : English;

    public static readonly ServiceTexts English = new(
        "en",
        Label: "Service or domain",
        Placeholder: "Type to search your services",
        RequiredHint: "This department needs to know which of your services the ticket is about.",
        OptionalHint: "The service the ticket is about, if it is about one.",
        Unavailable: "Your services can't be loaded now: submit without one",
        UnavailableNote: "Your services could not be loaded from Keliweb just now: the ticket can go without one.",
        Unknown: "Choose one of your own services from the list.",
        Required: department => $"Choose the service this is about: {department} needs it.",
        Status: status => status switch
        {
            "Pending" => "pending",
            "Suspended" => "suspended",
            "Terminated" => "terminated",
            "Cancelled" => "cancelled",
            "Fraud" => "blocked",
            "Completed" => "completed",
            _ => status,
        });

    public static readonly ServiceTexts Italian = new(
        "it",
        Label: "Servizio o dominio",
        Placeholder: "Scrivi per cercare tra i tuoi servizi",
        RequiredHint: "Questo reparto deve sapere a quale dei tuoi servizi si riferisce il ticket.",
        OptionalHint: "Il servizio a cui si riferisce il ticket, se riguarda un servizio.",
        Unavailable: "Servizi non caricabili ora: invia senza",
        UnavailableNote: "Non è stato possibile caricare i tuoi servizi da Keliweb in questo momento: il ticket può partire senza.",
        Unknown: "Scegli uno dei tuoi servizi dall'elenco.",
        Required: department => $"Scegli il servizio interessato: per {department} è necessario.",
        Status: status => status switch
        {
            "Pending" => "in attesa",
            "Suspended" => "sospeso",
            "Terminated" => "terminato",
            "Cancelled" => "cancellato",
            "Fraud" => "bloccato",
            "Completed" => "completato",
            "Active" => "attivo",
            _ => status,
        });
}
