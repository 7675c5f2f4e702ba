using System.Globalization;

namespace ChatBot.Sync;

/// <summary>
/// Every text the sync shows, in English and Italian, picked from the chat user's locale. A typed table, as in
/// <see cref="Tickets.TicketTexts"/>: the compiler checks both languages have every text and placeholder.
/// </summary>
public sealed record SyncTexts(
    string Culture,
    Func<string, string, string> StaffReplied,
    Func<string, string> Attachments,
    string MayBeRepeated,
    Func<string, string> StatusLine,
    IReadOnlyDictionary<string, string> StatusNames,
    Func<string, string> TicketOnly,
    Func<string, string> Added,
    Func<string, string> NotYours,
    Func<string, string, string> ReplyFailed,
    Func<string, string> ReplyUncertain,
    string FilesOnly,
    string ListDescription,
    string StatusDescription,
    string ListTitle,
    string ListEmpty,
    Func<string, string> ListMore,
    Func<string, string, string> StatusUsage,
    Func<string, string> StatusNotFound,
    Func<string, string> Updated,
    string StatusUnknown,
    Func<string, string, string> LastStaffReply,
    string NoStaffReply,
    Func<string, string> AsLastSeen,
    string Untitled)
{
    public static SyncTexts For(string? locale) =>
        locale is not null && locale.StartsWith("it", StringComparison.OrdinalIgnoreCase) ? Italian : English;

    public CultureInfo CultureInfo => CultureInfo.GetCultureInfo(Culture);

    /// <summary>A Keliweb status in this language; custom statuses are shown as Keliweb names them.</summary>
    public string Status(string status) => StatusNames.TryGetValue(status.Trim(), out var name) ? name : status.Trim();

    /// <summary>A time for lists: day, month and UTC time, in this language.</summary>
    public string When(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy HH:mm", CultureInfo) + " UTC";

    public static readonly SyncTexts English = new(
        "en",
        StaffReplied: (name, tid) => $"{name} (Keliweb support) replied on ticket #{tid}:",
        Attachments: names => $"Attachments, to download from the ticket in the Keliweb client area: {names}.",
        MayBeRepeated: "The bot restarted while posting this reply, so it may appear twice.",
        StatusLine: status => $"Status: {status}",
        StatusNames: new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Open"] = "Open", ["Answered"] = "Answered", ["Customer-Reply"] = "Customer reply", ["In Progress"] = "In progress",
            ["On Hold"] = "On hold", ["Closed"] = "Closed",
        },
        TicketOnly: tid => $"Ticket #{tid}.",
        Added: tid => $"Added to ticket #{tid}.",
        NotYours: tid => $"Your message did not reach ticket #{tid}: only the person who opened it, or someone linked to the same Keliweb account, can reply to it from here. (You won't be told again in this thread.)",
        ReplyFailed: (tid, reason) => $"Your message could not be added to ticket #{tid}: {reason}.",
        ReplyUncertain: tid => $"Keliweb did not confirm whether your message reached ticket #{tid}. Check the ticket in the Keliweb client area before you write it again.",
        FilesOnly: "(files sent from chat)",
        ListDescription: "your last 10 tickets and their status",
        StatusDescription: "one ticket's status and the last reply from support",
        ListTitle: "Your latest tickets:",
        ListEmpty: "You have not opened any tickets through the bot yet.",
        ListMore: command => $"For one ticket and its last reply: `{command}`.",
        StatusUsage: (command, example) => $"Which ticket? Write its number: `{command}`, e.g. `{example}`.",
        StatusNotFound: tid => $"You have no ticket #{tid} opened through the bot.",
        Updated: when => $"updated {when}",
        StatusUnknown: "status not read yet",
        LastStaffReply: (name, when) => $"Last reply from {name} ({when}):",
        NoStaffReply: "No reply from support yet.",
        AsLastSeen: when => $"Keliweb did not answer in time: this is the status as last seen, {when}.",
        Untitled: "(no subject)");

    public static readonly SyncTexts Italian = new(
        "it",
        StaffReplied: (name, tid) => $"{name} (assistenza Keliweb) ha risposto al ticket #{tid}:",
        Attachments: names => $"Allegati, da scaricare dal ticket nell'area clienti Keliweb: {names}.",
        MayBeRepeated: "Il bot si è riavviato mentre pubblicava questa risposta, quindi potrebbe comparire due volte.",
        StatusLine: status => $"Stato: {status}",
        StatusNames: new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Open"] = "Aperto", ["Answered"] = "Risposto", ["Customer-Reply"] = "Risposta del cliente", ["In Progress"] = "In lavorazione",
            ["On Hold"] = "In sospeso", ["Closed"] = "Chiuso",
        },
        TicketOnly: tid => $"Ticket #{tid}.",
        Added: tid => $"Aggiunto al ticket #{tid}.",
        NotYours: tid => $"Il tuo messaggio non è arrivato al ticket #{tid}: da qui può rispondere solo chi l'ha aperto, o chi è collegato allo stesso account Keliweb. (Non te lo ripeterò in questa conversazione.)",
        ReplyFailed: (tid, reason) => $"Non è stato possibile aggiungere il tuo messaggio al ticket #{tid}: {reason}.",
        ReplyUncertain: tid => $"Keliweb non ha confermato se il tuo messaggio è arrivato al ticket #{tid}. Controlla il ticket nell'area clienti Keliweb prima di scriverlo di nuovo.",
        FilesOnly: "(file inviati dalla chat)",
        ListDescription: "i tuoi ultimi 10 ticket e il loro stato",
        StatusDescription: "lo stato di un ticket e l'ultima risposta dell'assistenza",
        ListTitle: "I tuoi ultimi ticket:",
        ListEmpty: "Non hai ancora aperto ticket tramite il bot.",
        ListMore: command => $"Per un ticket e la sua ultima risposta: `{command}`.",
        StatusUsage: (command, example) => $"Quale ticket? Scrivi il numero: `{command}`, per esempio `{example}`.",
        StatusNotFound: tid => $"Non hai un ticket #{tid} aperto tramite il bot.",
        Updated: when => $"aggiornato il {when}",
        StatusUnknown: "stato non ancora letto",
        LastStaffReply: (name, when) => $"Ultima risposta di {name} ({when}):",
        NoStaffReply: "Ancora nessuna risposta dall'assistenza.",
        AsLastSeen: when => $"Keliweb non ha risposto in tempo: questo è lo stato visto l'ultima volta, il {when}.",
        Untitled: "(senza oggetto)");
}
