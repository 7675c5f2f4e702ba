namespace ChatBot.Teams.Cards;

/// <summary>Every text the Teams side shows, in English and Italian; picked from <c>activity.locale</c>.</summary>
public sealed record TeamsTexts(
    string Culture,
    string CardTitle,
    string DepartmentLabel,
    string DepartmentRequired,
    string SubjectLabel,
    string SubjectRequired,
    string MessageLabel,
    string MessageRequired,
    string PriorityLabel,
    string PriorityLow,
    string PriorityMedium,
    string PriorityHigh,
    string CustomFieldRequired,
    string Submit,
    string DepartmentInvalid,
    string PriorityInvalid,
    string Creating,
    string TicketOpened,
    string SubmitAgain,
    string TaskTitle,
    string FromMessage,
    string FilesFromMessage,
    string AlreadySubmitted,
    string UnknownUser,
    string CardUnreadable,
    string Help)
{
    public static readonly TeamsTexts English = new(
        Culture: "en",
        CardTitle: "Open a support ticket",
        DepartmentLabel: "Department",
        DepartmentRequired: "Choose a department.",
        SubjectLabel: "Subject",
        SubjectRequired: "Write a subject.",
        MessageLabel: "Message",
        MessageRequired: "Describe the problem.",
        PriorityLabel: "Priority",
        PriorityLow: "Low",
        PriorityMedium: "Medium",
        PriorityHigh: "High",
        CustomFieldRequired: "Fill in {0}.",
        Submit: "Open ticket",
        DepartmentInvalid: "Choose one of the listed departments.",
        PriorityInvalid: "Choose Low, Medium or High.",
        Creating: "Creating your ticket \"{0}\"…",
        TicketOpened: "Ticket #{0}",
        SubmitAgain: "Submit again",
        TaskTitle: "Create ticket",
        FromMessage: "From a message by {0}",
        FilesFromMessage: "Files attached to your message will be added to the ticket: {0}",
        AlreadySubmitted: "This form was already sent; its result is shown on the card.",
        CardUnreadable: "This card's answer could not be read. Try again, or write \"ticket\" for a new form.",
        UnknownUser: "Teams did not say which work account you are signed in with, so I can't open tickets for you. Sign in to Teams with your organization's account and try again.",
        Help: "Write \"ticket\" to open a support ticket, or use \"Create ticket\" from the … menu of any message.");

    public static readonly TeamsTexts Italian = new(
        Culture: "it",
        CardTitle: "Apri un ticket di assistenza",
        DepartmentLabel: "Reparto",
        DepartmentRequired: "Scegli un reparto.",
        SubjectLabel: "Oggetto",
        SubjectRequired: "Scrivi un oggetto.",
        MessageLabel: "Messaggio",
        MessageRequired: "Descrivi il problema.",
        PriorityLabel: "Priorità",
        PriorityLow: "Bassa",
        PriorityMedium: "Media",
        PriorityHigh: "Alta",
        CustomFieldRequired: "Compila {0}.",
        Submit: "Apri ticket",
        DepartmentInvalid: "Scegli uno dei reparti elencati.",
        PriorityInvalid: "Scegli Bassa, Media o Alta.",
        Creating: "Sto creando il tuo ticket \"{0}\"…",
        TicketOpened: "Ticket #{0}",
        SubmitAgain: "Invia di nuovo",
        TaskTitle: "Crea ticket",
        FromMessage: "Da un messaggio di {0}",
        FilesFromMessage: "I file allegati al tuo messaggio saranno aggiunti al ticket: {0}",
        AlreadySubmitted: "Questo modulo è già stato inviato; il risultato è mostrato nella scheda.",
        CardUnreadable: "Non è stato possibile leggere la risposta della scheda. Riprova, oppure scrivi \"ticket\" per un nuovo modulo.",
        UnknownUser: "Teams non ha indicato con quale account aziendale hai effettuato l'accesso, quindi non posso aprire ticket per te. Accedi a Teams con l'account della tua organizzazione e riprova.",
        Help: "Scrivi \"ticket\" per aprire un ticket di assistenza, oppure usa \"Crea ticket\" dal menu … di un messaggio.");

    public static TeamsTexts For(string? locale) =>
        locale is not null && locale.StartsWith("it", StringComparison.OrdinalIgnoreCase) ? Italian : English;

    public string Format(string template, params object?[] args) =>
        string.Format(System.Globalization.CultureInfo.GetCultureInfo(Culture), template, args);
}
