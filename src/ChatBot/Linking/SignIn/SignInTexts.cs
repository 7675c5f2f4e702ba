namespace ChatBot.Linking.SignIn;

/// <summary>
/// Every text of the sign-in page and its confirmation, in English and Italian, picked from the chat user's locale
/// (never the browser's: the person chose their language in chat). A typed table: both languages have every text.
/// </summary>
public sealed record SignInTexts(
    string Culture,
    string Button,
    string Title,
    string Intro,
    Func<string, string, string> SlackTarget,
    Func<string?, string, string> TeamsTarget,
    string EmailLabel,
    string PasswordLabel,
    Func<string, string> WorkspaceOption,
    string WorkspaceHint,
    string Submit,
    string PasswordNote,
    string OnceNote,
    string MissingFields,
    string InvalidEmail,
    string TooLong,
    Func<int, string> WrongPassword,
    string LinkedTitle,
    Func<string, string, string> LinkedUser,
    Func<string, string, string, string> LinkedWorkspace,
    string ExpiredTitle,
    string UsedTitle,
    string SpentTitle,
    string ExpiredText,
    string UsedText,
    string SpentText,
    Func<string, string> NewLink,
    string BusyTitle,
    string BusyText,
    string FormExpiredTitle,
    string FormExpiredText,
    string UnavailableTitle,
    string KeliwebDown,
    string Misconfigured,
    Func<string, string> ConfirmUser,
    Func<string, string> ConfirmWorkspace)
{
    public static SignInTexts For(string? locale) =>
        locale is not null && locale.StartsWith("it", StringComparison.OrdinalIgnoreCase) ? Italian : English;

    /// <summary>What the page links, e.g. "Slack workspace acme, user Anna Rossi".</summary>
    public string Target(ChatPerson person) => person.Identity.Platform == ChatPlatforms.Teams
        ? TeamsTarget(person.WorkspaceName, person.Name)
        : SlackTarget(person.WorkspaceName ?? person.Identity.TeamId, person.Name);

    /// <summary>Where this person gets a fresh link: the platform's own words.</summary>
    public string HowToGetANewLink(string platform) =>
        NewLink(platform == ChatPlatforms.Teams ? (Culture == "it" ? "scrivi “link” al bot in Teams" : "write “link” to the bot in Teams") : "/ticket link");

    public static readonly SignInTexts English = new(
        Culture: "en",
        Button: "Link your Keliweb account",
        Title: "Link your Keliweb account",
        Intro: "Sign in with the email and password of your Keliweb client area. The tickets you open from chat then go to your Keliweb account.",
        SlackTarget: (team, user) => $"Slack workspace {team}, user {user}",
        TeamsTarget: (team, user) => team is null ? $"Microsoft Teams, user {user}" : $"Microsoft Teams team {team}, user {user}",
        EmailLabel: "Keliweb email",
        PasswordLabel: "Keliweb password",
        WorkspaceOption: team => $"Link the whole workspace {team}",
        WorkspaceHint: "Everyone in the workspace without a link of their own will open tickets with this Keliweb account.",
        Submit: "Link account",
        PasswordNote: "Your password goes to Keliweb once, to sign in; it is not stored.",
        OnceNote: "This page works once, for 15 minutes after the link was made.",
        MissingFields: "Enter your email and password.",
        InvalidEmail: "Enter the email address you sign in to Keliweb with.",
        TooLong: "That email or password is too long.",
        WrongPassword: left => left == 1 ? "The email or password is not right. 1 try left." : $"The email or password is not right. {left} tries left.",
        LinkedTitle: "Account linked",
        LinkedUser: (email, app) => $"Linked to {email}. You can close this page and go back to {app}: your next ticket opens with this Keliweb account.",
        LinkedWorkspace: (team, email, app) => $"The whole workspace {team} is linked to {email}. You can close this page and go back to {app}.",
        ExpiredTitle: "This link has expired",
        UsedTitle: "This link was already used",
        SpentTitle: "This link no longer works",
        ExpiredText: "Sign-in links work for 15 minutes.",
        UsedText: "Each sign-in link works once.",
        SpentText: "The password was wrong too many times.",
        NewLink: how => $"For a new link, use {how}.",
        BusyTitle: "Signing in…",
        BusyText: "This link is being used to sign in right now. Wait a moment, then open it again.",
        FormExpiredTitle: "Please open the link again",
        FormExpiredText: "This form could not be checked (it is too old, or was sent from another page). Open the link from the chat again.",
        UnavailableTitle: "Try again later",
        KeliwebDown: "Keliweb can't be reached right now. Try again in a few minutes: your link still works until it expires.",
        Misconfigured: "Linking is not available right now: the bot's administrator must check its Keliweb settings.",
        ConfirmUser: email => $"Linked to {email}: the tickets you open here now go to this Keliweb account.",
        ConfirmWorkspace: email => $"The whole workspace is linked to {email}: everyone without a link of their own now opens tickets with this Keliweb account.");

    public static readonly SignInTexts Italian = new(
        Culture: "it",
        Button: "Collega il tuo account Keliweb",
        Title: "Collega il tuo account Keliweb",
        Intro: "Accedi con l'email e la password della tua area clienti Keliweb. I ticket che apri dalla chat andranno poi al tuo account Keliweb.",
        SlackTarget: (team, user) => $"Workspace Slack {team}, utente {user}",
        TeamsTarget: (team, user) => team is null ? $"Microsoft Teams, utente {user}" : $"Team Microsoft Teams {team}, utente {user}",
        EmailLabel: "Email Keliweb",
        PasswordLabel: "Password Keliweb",
        WorkspaceOption: team => $"Collega l'intero workspace {team}",
        WorkspaceHint: "Chi nel workspace non ha un collegamento proprio aprirà i ticket con questo account Keliweb.",
        Submit: "Collega account",
        PasswordNote: "La password viene inviata a Keliweb una sola volta, per l'accesso; non viene conservata.",
        OnceNote: "Questa pagina funziona una sola volta, per 15 minuti da quando è stato creato il link.",
        MissingFields: "Inserisci email e password.",
        InvalidEmail: "Inserisci l'indirizzo email con cui accedi a Keliweb.",
        TooLong: "Email o password troppo lunghe.",
        WrongPassword: left => left == 1 ? "Email o password non corretti. Resta 1 tentativo." : $"Email o password non corretti. Restano {left} tentativi.",
        LinkedTitle: "Account collegato",
        LinkedUser: (email, app) => $"Collegato a {email}. Puoi chiudere questa pagina e tornare su {app}: il prossimo ticket si aprirà con questo account Keliweb.",
        LinkedWorkspace: (team, email, app) => $"L'intero workspace {team} è collegato a {email}. Puoi chiudere questa pagina e tornare su {app}.",
        ExpiredTitle: "Questo link è scaduto",
        UsedTitle: "Questo link è già stato usato",
        SpentTitle: "Questo link non funziona più",
        ExpiredText: "I link di accesso valgono 15 minuti.",
        UsedText: "Ogni link di accesso si usa una sola volta.",
        SpentText: "La password è stata sbagliata troppe volte.",
        NewLink: how => $"Per un nuovo link usa {how}.",
        BusyTitle: "Accesso in corso…",
        BusyText: "Questo link è in uso per un accesso proprio ora. Attendi un momento, poi aprilo di nuovo.",
        FormExpiredTitle: "Apri di nuovo il link",
        FormExpiredText: "Non è stato possibile verificare questo modulo (è troppo vecchio, o è stato inviato da un'altra pagina). Apri di nuovo il link dalla chat.",
        UnavailableTitle: "Riprova più tardi",
        KeliwebDown: "Keliweb non è raggiungibile in questo momento. Riprova tra qualche minuto: il link resta valido fino alla scadenza.",
        Misconfigured: "Il collegamento non è disponibile al momento: l'amministratore del bot deve controllare le impostazioni Keliweb.",
        ConfirmUser: email => $"Collegato a {email}: i ticket che apri qui ora vanno a questo account Keliweb.",
        ConfirmWorkspace: email => $"L'intero workspace è collegato a {email}: chi non ha un collegamento proprio ora apre i ticket con questo account Keliweb.");

    /// <summary>The chat app, for "go back to …".</summary>
    public static string AppName(string platform) => platform == ChatPlatforms.Teams ? "Microsoft Teams" : "Slack";
}
