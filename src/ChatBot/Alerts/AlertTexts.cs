using System.Globalization;

namespace ChatBot.Alerts;

/// <summary>
/// Every alert text, in English and Italian (<c>Alerts:Culture</c>), as a typed table like the pipeline's: the compiler
/// checks that both languages have every text. Alerts carry ids and reasons, never tokens, ticket links or message text.
/// </summary>
public sealed record AlertTexts(
    string Culture,
    Func<string, string, string, string, string?, bool, string> SubmissionFailed,
    Func<string, string, string, string, string?, bool, string> SubmissionUncertain,
    Func<string, string, string, string, string, string?, string> SubmissionUnannounced,
    Func<string, string, string> AccountNeedsSignIn,
    Func<DateTimeOffset, TimeSpan, string> KeliwebUnreachable,
    Func<TimeSpan, string> KeliwebReachable,
    Func<int, DateTimeOffset, IReadOnlyList<string>, string> HeldBack,
    string Test)
{
    public static AlertTexts For(string? culture) => culture is "it" ? Italian : English;

    public static readonly AlertTexts English = new(
        "en",
        SubmissionFailed: (id, platform, team, user, reason, told) =>
            $"⚠️ Submission {id} failed ({platform} team {team}, user {user}): {reason ?? "no reason given"}. " +
            (told ? "The user was told." : "The user could NOT be told.") + $" Details: ChatBot outbox show {id}",
        SubmissionUncertain: (id, platform, team, user, reason, told) =>
            $"⚠️ Submission {id} is uncertain ({platform} team {team}, user {user}): {reason ?? "no clear answer from Keliweb"}. " +
            "It may or may not be a ticket: check at Keliweb before 'outbox retry'. " +
            (told ? "The user was told." : "The user could NOT be told.") + $" Details: ChatBot outbox show {id}",
        SubmissionUnannounced: (id, tid, platform, team, user, reason) =>
            $"📭 Ticket #{tid} (submission {id}) is open, but its user could NOT be told ({platform} team {team}, user {user}): " +
            $"{reason ?? "chat took no notice"}. 'ChatBot outbox retry {id}' posts the notice again. Details: ChatBot outbox show {id}",
        AccountNeedsSignIn: (account, reason) =>
            $"🔑 Keliweb account {account} needs a new sign-in ({reason}). Until then its users' tickets fail: run ChatBot accounts add --id {account} --email ...",
        KeliwebUnreachable: (since, duration) =>
            $"🔌 Keliweb has been unreachable since {Time(since)} UTC ({Minutes(duration)} min). Submissions wait in the outbox and go out when it is back.",
        KeliwebReachable: duration => $"✅ Keliweb is reachable again after {Minutes(duration)} min; waiting submissions are being sent.",
        HeldBack: (count, since, keys) => $"…and {count} more like it since {Time(since)} UTC" + (keys.Count > 0 ? ": " + string.Join(", ", keys) : "") + ".",
        Test: "Test alert from ChatBot: this conversation receives the operator's alerts.");

    public static readonly AlertTexts Italian = new(
        "it",
        SubmissionFailed: (id, platform, team, user, reason, told) =>
            $"⚠️ La richiesta {id} non è andata a buon fine ({platform}, team {team}, utente {user}): {reason ?? "nessun motivo indicato"}. " +
            (told ? "L'utente è stato avvisato." : "Non è stato possibile avvisare l'utente.") + $" Dettagli: ChatBot outbox show {id}",
        SubmissionUncertain: (id, platform, team, user, reason, told) =>
            $"⚠️ La richiesta {id} è incerta ({platform}, team {team}, utente {user}): {reason ?? "nessuna risposta chiara da Keliweb"}. " +
            "Il ticket potrebbe esistere: controlla su Keliweb prima di 'outbox retry'. " +
            (told ? "L'utente è stato avvisato." : "Non è stato possibile avvisare l'utente.") + $" Dettagli: ChatBot outbox show {id}",
        SubmissionUnannounced: (id, tid, platform, team, user, reason) =>
            $"📭 Il ticket #{tid} (richiesta {id}) è aperto, ma non è stato possibile avvisare l'utente ({platform}, team {team}, utente {user}): " +
            $"{reason ?? "la chat non ha accettato l'avviso"}. 'ChatBot outbox retry {id}' invia di nuovo l'avviso. Dettagli: ChatBot outbox show {id}",
        AccountNeedsSignIn: (account, reason) =>
            $"🔑 L'account Keliweb {account} richiede un nuovo accesso ({reason}). Fino ad allora i ticket dei suoi utenti non vanno a buon fine: esegui ChatBot accounts add --id {account} --email ...",
        KeliwebUnreachable: (since, duration) =>
            $"🔌 Keliweb non è raggiungibile dalle {Time(since)} UTC ({Minutes(duration)} min). Le richieste restano in coda e partono appena torna raggiungibile.",
        KeliwebReachable: duration => $"✅ Keliweb è di nuovo raggiungibile dopo {Minutes(duration)} min; le richieste in coda stanno partendo.",
        HeldBack: (count, since, keys) => $"…e altri {count} avvisi simili dalle {Time(since)} UTC" + (keys.Count > 0 ? ": " + string.Join(", ", keys) : "") + ".",
        Test: "Avviso di prova da ChatBot: questa conversazione riceve gli avvisi per l'operatore.");

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Minutes(TimeSpan duration) => Math.Max(1, (int)Math.Round(duration.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
}
