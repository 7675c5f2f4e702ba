namespace ChatBot.ChatCommands;

/// <summary>The chat commands' texts in English and Italian; picked from the asker's chat locale.</summary>
public sealed record ChatCommandTexts(
    string Culture,
    string HelpTitle,
    string OpenTicket,
    string MessageShortcut,
    string HelpDescription,
    string LinkDescription,
    string UnlinkDescription,
    string WhoAmIDescription,
    string LinkInstructions,
    Func<string, string> CurrentlyLinked,
    Func<string, string, string> LinkingOff,
    Func<string, string> Unlinked,
    Func<string, string> NowWorkspace,
    Func<string, string> NowDefault,
    Func<string, string> NowNothing,
    string NoOwnLink,
    string WorkspaceLinkStays,
    Func<string, string> ThroughOwnLink,
    Func<string, string> ThroughWorkspace,
    Func<string, string> ThroughDefault,
    Func<string, string> NotLinked,
    Func<string, string> SignInExpired)
{
    public static ChatCommandTexts For(string? locale) =>
        locale is not null && locale.StartsWith("it", StringComparison.OrdinalIgnoreCase) ? Italian : English;

    public static readonly ChatCommandTexts English = new(
        Culture: "en",
        HelpTitle: "What I can do:",
        OpenTicket: "open a support ticket",
        MessageShortcut: "Or use “Create ticket” in the menu of any message.",
        HelpDescription: "this list",
        LinkDescription: "link your Keliweb account (or switch to another one)",
        UnlinkDescription: "remove your own link",
        WhoAmIDescription: "which Keliweb account your tickets go to",
        LinkInstructions: "Sign in with your Keliweb email and password to link your account. The button works once, for 15 minutes, and only for you: don't share it.",
        CurrentlyLinked: email => $"You are linked to {email} now; signing in with another account switches to it.",
        LinkingOff: (team, user) => $"Linking is done by the bot's administrator here. Ask them to link your account (workspace `{team}`, user `{user}`).",
        Unlinked: email => $"Your own link to {email} is removed.",
        NowWorkspace: email => $"Your tickets now go to the workspace's account, {email}.",
        NowDefault: email => $"Your tickets now go to the bot's default account, {email}.",
        NowNothing: link => $"You are not linked any more: use `{link}` to link again.",
        NoOwnLink: "You have no link of your own to remove.",
        WorkspaceLinkStays: "The workspace's link stays: only a workspace admin (with the link command) or the bot's administrator can change it.",
        ThroughOwnLink: email => $"Your tickets go to the Keliweb account {email}, through your own link.",
        ThroughWorkspace: email => $"Your tickets go to the Keliweb account {email}, through the workspace's link.",
        ThroughDefault: email => $"Your tickets go to the bot's default Keliweb account, {email}.",
        NotLinked: link => $"Your chat account is not linked to a Keliweb account. Use `{link}` to link it.",
        SignInExpired: link => $"Its Keliweb sign-in has expired: use `{link}` to sign in again.");

    public static readonly ChatCommandTexts Italian = new(
        Culture: "it",
        HelpTitle: "Ecco cosa posso fare:",
        OpenTicket: "apri un ticket di assistenza",
        MessageShortcut: "Oppure usa “Crea ticket” nel menu di un messaggio.",
        HelpDescription: "questo elenco",
        LinkDescription: "collega il tuo account Keliweb (o passa a un altro)",
        UnlinkDescription: "rimuovi il tuo collegamento",
        WhoAmIDescription: "a quale account Keliweb vanno i tuoi ticket",
        LinkInstructions: "Accedi con email e password Keliweb per collegare il tuo account. Il pulsante funziona una volta, per 15 minuti, e solo per te: non condividerlo.",
        CurrentlyLinked: email => $"Ora sei collegato a {email}; accedendo con un altro account passerai a quello.",
        LinkingOff: (team, user) => $"Qui i collegamenti li fa l'amministratore del bot. Chiedigli di collegare il tuo account (workspace `{team}`, utente `{user}`).",
        Unlinked: email => $"Il tuo collegamento a {email} è stato rimosso.",
        NowWorkspace: email => $"Ora i tuoi ticket vanno all'account del workspace, {email}.",
        NowDefault: email => $"Ora i tuoi ticket vanno all'account predefinito del bot, {email}.",
        NowNothing: link => $"Non sei più collegato: usa `{link}` per collegarti di nuovo.",
        NoOwnLink: "Non hai un collegamento tuo da rimuovere.",
        WorkspaceLinkStays: "Il collegamento del workspace resta: solo un amministratore del workspace (con il comando link) o l'amministratore del bot può cambiarlo.",
        ThroughOwnLink: email => $"I tuoi ticket vanno all'account Keliweb {email}, tramite il tuo collegamento.",
        ThroughWorkspace: email => $"I tuoi ticket vanno all'account Keliweb {email}, tramite il collegamento del workspace.",
        ThroughDefault: email => $"I tuoi ticket vanno all'account Keliweb predefinito del bot, {email}.",
        NotLinked: link => $"Il tuo account chat non è collegato a un account Keliweb. Usa `{link}` per collegarlo.",
        SignInExpired: link => $"Il suo accesso Keliweb è scaduto: usa `{link}` per accedere di nuovo.");
}
