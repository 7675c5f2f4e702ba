using System.Globalization;

namespace ChatBot.Teams.Graph;

/// <summary>
/// Why a file Teams keeps behind Microsoft Graph was not attached, in English and Italian, for the ticket's file report
/// and the form's note. <see cref="WithLink"/> adds where the file still is: the message in Teams.
/// </summary>
public sealed record GraphTexts(
    string Culture,
    string Off,
    string Forbidden,
    string Gone,
    string OtherTenant,
    string Busy,
    string Failed,
    string NotAddressable,
    string WillBeAttached,
    string InMessage)
{
    public static readonly GraphTexts English = new(
        Culture: "en",
        Off: "Microsoft Graph is off for this bot, and Teams gives files in channels, group chats and message actions to bots only through it",
        Forbidden: "Microsoft Graph refused access (403): the app lacks the permission for it",
        Gone: "no longer in Teams (404)",
        OtherTenant: "the conversation is in another Microsoft 365 organization than the bot's",
        Busy: "Microsoft Graph was too busy to answer (429)",
        Failed: "could not be fetched through Microsoft Graph ({0})",
        NotAddressable: "Teams did not say where this message is, so Microsoft Graph cannot fetch it",
        WillBeAttached: "Files of the message, to be attached to the ticket: {0}",
        InMessage: "{0}; it is still in the message: {1}");

    public static readonly GraphTexts Italian = new(
        Culture: "it",
        Off: "Microsoft Graph è disattivato per questo bot, e Teams fornisce ai bot i file di canali, chat di gruppo e azioni sui messaggi solo tramite Graph",
        Forbidden: "Microsoft Graph ha negato l'accesso (403): all'app manca il permesso necessario",
        Gone: "non più presente in Teams (404)",
        OtherTenant: "la conversazione è in un'organizzazione Microsoft 365 diversa da quella del bot",
        Busy: "Microsoft Graph era troppo occupato per rispondere (429)",
        Failed: "non è stato possibile scaricarlo tramite Microsoft Graph ({0})",
        NotAddressable: "Teams non ha indicato dove si trova questo messaggio, quindi Microsoft Graph non può recuperarlo",
        WillBeAttached: "File del messaggio, da allegare al ticket: {0}",
        InMessage: "{0}; è ancora nel messaggio: {1}");

    public static GraphTexts For(string? locale) =>
        locale is not null && locale.StartsWith("it", StringComparison.OrdinalIgnoreCase) ? Italian : English;

    public string Format(string template, params object?[] args) =>
        string.Format(CultureInfo.GetCultureInfo(Culture), template, args);

    /// <summary>The reason, with the link to the message when Teams gave one.</summary>
    public string WithLink(string reason, string? messageLink) =>
        string.IsNullOrEmpty(messageLink) ? reason : Format(InMessage, reason, messageLink);
}
