using System.Globalization;

namespace ChatBot.Tickets;

/// <summary>
/// Every text the pipeline shows a user, in English and Italian. A typed table rather than resource strings:
/// the compiler checks that both languages have every text and every placeholder.
/// </summary>
public sealed record TicketTexts(
    string Culture,
    Func<string, string> Queued,
    Func<string, string, string> OpenedPublic,
    Func<string, Uri?, string> OpenedPrivate,
    Func<string, string, string> Failed,
    Func<string, string> Uncertain,
    Func<string, string, string> NotLinked,
    string LinkYourAccount,
    string DepartmentUnknown,
    string SubjectRequired,
    Func<int, string> SubjectTooLong,
    string MessageRequired,
    Func<string, string> CustomFieldRequired,
    Func<int, string> TooManyFiles,
    string ServiceAndDomain,
    string AttachedFiles,
    string NotAttachedFiles,
    Func<FileSkipReason, string> SkipReason,
    string UnknownError,
    Func<int, int, string> ReplyWithFiles,
    string GaveUp,
    Func<string, string, string> SignInExpiredOwn,
    Func<string, string, string> SignInExpiredWorkspaceAdmin,
    Func<string, string, string?, string> SignInExpiredWorkspace,
    Func<string, string, string> SignInExpiredAdministrator,
    string SignInNeverCame,
    string QueuedShort,
    Func<string, string> OpenedShort,
    Func<string, string> FailedShort,
    string UncertainShort)
{
    public static TicketTexts For(string? locale) =>
        locale is not null && locale.StartsWith("it", StringComparison.OrdinalIgnoreCase) ? Italian : English;

    public CultureInfo CultureInfo => CultureInfo.GetCultureInfo(Culture);

    public static readonly TicketTexts English = new(
        "en",
        Queued: s => $"Keliweb can't be reached right now. Your ticket “{s}” is queued and will be opened automatically; its number will follow here.",
        OpenedPublic: (tid, s) => $"Ticket #{tid} opened: “{s}”.",
        OpenedPrivate: (tid, url) => url is null ? $"Your ticket #{tid} is open." : $"Your ticket #{tid} is open: {url}",
        Failed: (s, reason) => $"Your ticket “{s}” could not be opened: {reason}. Fix it and submit again, or contact support if it persists.",
        Uncertain: s => $"Keliweb did not confirm whether your ticket “{s}” was opened. Check your tickets in the Keliweb client area first; use “Submit again” only if it is not there.",
        NotLinked: (team, user) => $"Your chat account is not linked to a Keliweb account, so I can't open tickets for you yet. Ask the bot's administrator to link it (workspace `{team}`, user `{user}`).",
        LinkYourAccount: "To open tickets here, link your Keliweb account first: sign in with the button below. It works once, for 15 minutes, and only for you.",
        DepartmentUnknown: "Choose one of the listed departments.",
        SubjectRequired: "Enter a subject.",
        SubjectTooLong: max => $"Keep the subject within {max} characters.",
        MessageRequired: "Enter a message.",
        CustomFieldRequired: label => $"“{label}” is required for this department.",
        TooManyFiles: max => $"Attach at most {max} files.",
        ServiceAndDomain: "Choose a service or a domain, not both.",
        AttachedFiles: "Attached",
        NotAttachedFiles: "Not attached",
        SkipReason: r => r switch
        {
            FileSkipReason.TooLarge => "too large",
            FileSkipReason.TypeNotAllowed => "file type not allowed",
            FileSkipReason.DownloadFailed => "could not be downloaded",
            FileSkipReason.NotAvailable => "not reachable by the bot; attach it in the client area",
            FileSkipReason.TooMany => "too many files",
            FileSkipReason.Uncertain => "may not have been attached; check the ticket",
            FileSkipReason.Rejected => "refused by Keliweb",
            _ => "not attached",
        },
        UnknownError: "Keliweb answered with an error",
        ReplyWithFiles: (part, of) => $"More attachments for this ticket (part {part} of {of}).",
        GaveUp: "Keliweb could not be reached for too long",
        SignInExpiredOwn: (s, email) => $"Your Keliweb sign-in has expired, so your ticket “{s}” is waiting. Sign in again as {email} with the button below: the ticket is sent as soon as you do.",
        SignInExpiredWorkspaceAdmin: (s, email) => $"The workspace's Keliweb sign-in ({email}) has expired, so your ticket “{s}” is waiting. Sign in again as {email} with the button below and tick “Link the whole workspace”: the ticket is sent as soon as you do.",
        SignInExpiredWorkspace: (s, email, by) => $"The workspace's Keliweb sign-in ({email}) has expired, so your ticket “{s}” is waiting. A workspace admin or owner must sign in again with the link command{(by is null ? "" : $" (it was linked by {by})")}; the ticket is sent as soon as they do.",
        SignInExpiredAdministrator: (s, email) => $"The Keliweb sign-in of the account {email} has expired, so your ticket “{s}” is waiting. The bot's administrator must log it in again; the ticket is sent as soon as they do.",
        SignInNeverCame: "its Keliweb sign-in expired and nobody signed in again in time",
        QueuedShort: "Keliweb can't be reached right now. Your ticket is queued and will be opened automatically.",
        OpenedShort: tid => $"Ticket #{tid} opened.",
        FailedShort: reason => $"Your ticket could not be opened: {reason}.",
        UncertainShort: "Keliweb did not confirm whether your ticket was opened. Check your tickets in the Keliweb client area before submitting again.");

    public static readonly TicketTexts Italian = new(
        "it",
        Queued: s => $"Keliweb non è raggiungibile in questo momento. Il tuo ticket “{s}” è in coda e verrà aperto automaticamente; il numero arriverà qui.",
        OpenedPublic: (tid, s) => $"Ticket #{tid} aperto: “{s}”.",
        OpenedPrivate: (tid, url) => url is null ? $"Il tuo ticket #{tid} è aperto." : $"Il tuo ticket #{tid} è aperto: {url}",
        Failed: (s, reason) => $"Non è stato possibile aprire il ticket “{s}”: {reason}. Correggi e invia di nuovo, o contatta l'assistenza se il problema persiste.",
        Uncertain: s => $"Keliweb non ha confermato se il ticket “{s}” è stato aperto. Controlla prima i tuoi ticket nell'area clienti Keliweb; usa “Invia di nuovo” solo se non c'è.",
        NotLinked: (team, user) => $"Il tuo account chat non è collegato a un account Keliweb, quindi non posso ancora aprire ticket per te. Chiedi all'amministratore del bot di collegarlo (workspace `{team}`, utente `{user}`).",
        LinkYourAccount: "Per aprire ticket qui, collega prima il tuo account Keliweb: accedi con il pulsante qui sotto. Funziona una volta, per 15 minuti, e solo per te.",
        DepartmentUnknown: "Scegli uno dei reparti elencati.",
        SubjectRequired: "Inserisci un oggetto.",
        SubjectTooLong: max => $"L'oggetto può avere al massimo {max} caratteri.",
        MessageRequired: "Inserisci un messaggio.",
        CustomFieldRequired: label => $"“{label}” è obbligatorio per questo reparto.",
        TooManyFiles: max => $"Allega al massimo {max} file.",
        ServiceAndDomain: "Scegli un servizio o un dominio, non entrambi.",
        AttachedFiles: "Allegati",
        NotAttachedFiles: "Non allegati",
        SkipReason: r => r switch
        {
            FileSkipReason.TooLarge => "troppo grande",
            FileSkipReason.TypeNotAllowed => "tipo di file non consentito",
            FileSkipReason.DownloadFailed => "download non riuscito",
            FileSkipReason.NotAvailable => "non raggiungibile dal bot; allegalo dall'area clienti",
            FileSkipReason.TooMany => "troppi file",
            FileSkipReason.Uncertain => "potrebbe non essere stato allegato; controlla il ticket",
            FileSkipReason.Rejected => "rifiutato da Keliweb",
            _ => "non allegato",
        },
        UnknownError: "Keliweb ha risposto con un errore",
        ReplyWithFiles: (part, of) => $"Altri allegati per questo ticket (parte {part} di {of}).",
        GaveUp: "Keliweb non è stato raggiungibile troppo a lungo",
        SignInExpiredOwn: (s, email) => $"Il tuo accesso Keliweb è scaduto, quindi il ticket “{s}” è in attesa. Accedi di nuovo come {email} con il pulsante qui sotto: il ticket partirà appena lo fai.",
        SignInExpiredWorkspaceAdmin: (s, email) => $"L'accesso Keliweb del workspace ({email}) è scaduto, quindi il ticket “{s}” è in attesa. Accedi di nuovo come {email} con il pulsante qui sotto e spunta “Collega l'intero workspace”: il ticket partirà appena lo fai.",
        SignInExpiredWorkspace: (s, email, by) => $"L'accesso Keliweb del workspace ({email}) è scaduto, quindi il ticket “{s}” è in attesa. Un amministratore o proprietario del workspace deve accedere di nuovo con il comando link{(by is null ? "" : $" (l'ha collegato {by})")}; il ticket partirà appena lo fa.",
        SignInExpiredAdministrator: (s, email) => $"L'accesso Keliweb dell'account {email} è scaduto, quindi il ticket “{s}” è in attesa. L'amministratore del bot deve eseguire di nuovo l'accesso; il ticket partirà appena lo fa.",
        SignInNeverCame: "l'accesso Keliweb è scaduto e nessuno ha eseguito di nuovo l'accesso in tempo",
        QueuedShort: "Keliweb non è raggiungibile in questo momento. Il tuo ticket è in coda e verrà aperto automaticamente.",
        OpenedShort: tid => $"Ticket #{tid} aperto.",
        FailedShort: reason => $"Non è stato possibile aprire il ticket: {reason}.",
        UncertainShort: "Keliweb non ha confermato se il ticket è stato aperto. Controlla i tuoi ticket nell'area clienti Keliweb prima di inviarlo di nuovo.");
}
