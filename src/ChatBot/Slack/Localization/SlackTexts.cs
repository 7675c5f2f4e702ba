using System.Globalization;

namespace ChatBot.Slack.Localization;

/// <summary>
/// Every text the Slack side shows, per culture. A typed table rather than .resx: a missing Italian text is a
/// compile error, not a silent English fallback.
/// </summary>
public sealed record SlackTexts
{
    public required string Culture { get; init; }
    public required string ModalTitle { get; init; }
    public required string Submit { get; init; }
    public required string Cancel { get; init; }
    public required string Close { get; init; }
    public required string DepartmentLabel { get; init; }
    public required string DepartmentPlaceholder { get; init; }
    public required string SubjectLabel { get; init; }
    public required string MessageLabel { get; init; }
    public required string PriorityLabel { get; init; }
    public required string PriorityLow { get; init; }
    public required string PriorityMedium { get; init; }
    public required string PriorityHigh { get; init; }
    public required string FilesLabel { get; init; }
    public required string FilesHintFormat { get; init; }
    public required string MessageFilesLabel { get; init; }
    public required string MessageFilesHint { get; init; }
    public required string DepartmentRequired { get; init; }
    public required string SubjectRequired { get; init; }
    public required string MessageRequired { get; init; }
    public required string FieldRequired { get; init; }
    public required string TooManyFilesFormat { get; init; }
    public required string TruncatedMarker { get; init; }
    public required string CreatingTitle { get; init; }
    public required string CreatingText { get; init; }
    public required string NotLinkedTitle { get; init; }
    public required string SubmitAgain { get; init; }
    /// <summary>views.open refused the trigger (too late, or used twice): running the command again is the fix.</summary>
    public required string FormExpired { get; init; }

    /// <summary>views.open failed otherwise; Slack's error code goes to the log, since it speaks to the operator.</summary>
    public required string FormFailed { get; init; }
    public required string SomethingWentWrong { get; init; }
    public required string ResubmitRefused { get; init; }

    public string PriorityText(Tickets.TicketPriority priority) => priority switch
    {
        Tickets.TicketPriority.Low => PriorityLow,
        Tickets.TicketPriority.High => PriorityHigh,
        _ => PriorityMedium,
    };

    /// <summary>What to tell the user when views.open failed with <paramref name="error"/> (never the code itself).</summary>
    public string FormFailedFor(string error) =>
        error is "expired_trigger_id" or "exchanged_trigger_id" or "invalid_trigger_id" ? FormExpired : FormFailed;

    public string Format(string format, params object[] args) => string.Format(CultureInfo.GetCultureInfo(Culture), format, args);

    /// <summary>Italian for any "it" locale (Slack sends e.g. "it-IT"), English otherwise.</summary>
    public static SlackTexts For(string? locale) =>
        locale is not null && locale.StartsWith("it", StringComparison.OrdinalIgnoreCase) ? Italian : English;

    public static readonly SlackTexts English = new()
    {
        Culture = "en",
        ModalTitle = "Open a ticket",
        Submit = "Submit",
        Cancel = "Cancel",
        Close = "Close",
        DepartmentLabel = "Department",
        DepartmentPlaceholder = "Choose a department",
        SubjectLabel = "Subject",
        MessageLabel = "Message",
        PriorityLabel = "Priority",
        PriorityLow = "Low",
        PriorityMedium = "Medium",
        PriorityHigh = "High",
        FilesLabel = "Attachments",
        FilesHintFormat = "Up to {0} files.",
        MessageFilesLabel = "Files from the message",
        MessageFilesHint = "Untick the files you do not want to attach.",
        DepartmentRequired = "Choose a department.",
        SubjectRequired = "Write a subject.",
        MessageRequired = "Write a message.",
        FieldRequired = "This field is required for the chosen department.",
        TooManyFilesFormat = "Attach at most {0} files.",
        TruncatedMarker = "[… shortened here: the ticket gets the full text]",
        CreatingTitle = "Creating ticket",
        CreatingText = "Creating your ticket… I will post the ticket number in the conversation as soon as it is open.",
        NotLinkedTitle = "Account not linked",
        SubmitAgain = "Submit again",
        FormExpired = "The ticket form took too long to open. Please run /ticket again.",
        FormFailed = "I could not open the ticket form. Please try again in a minute; if it keeps failing, tell the bot's administrator.",
        SomethingWentWrong = "Something went wrong on our side. Please try again in a minute.",
        ResubmitRefused = "I could not submit the ticket again. Please open a new one with /ticket.",
    };

    public static readonly SlackTexts Italian = new()
    {
        Culture = "it",
        ModalTitle = "Apri un ticket",
        Submit = "Invia",
        Cancel = "Annulla",
        Close = "Chiudi",
        DepartmentLabel = "Reparto",
        DepartmentPlaceholder = "Scegli un reparto",
        SubjectLabel = "Oggetto",
        MessageLabel = "Messaggio",
        PriorityLabel = "Priorità",
        PriorityLow = "Bassa",
        PriorityMedium = "Media",
        PriorityHigh = "Alta",
        FilesLabel = "Allegati",
        FilesHintFormat = "Al massimo {0} file.",
        MessageFilesLabel = "File del messaggio",
        MessageFilesHint = "Togli la spunta ai file che non vuoi allegare.",
        DepartmentRequired = "Scegli un reparto.",
        SubjectRequired = "Scrivi un oggetto.",
        MessageRequired = "Scrivi un messaggio.",
        FieldRequired = "Questo campo è obbligatorio per il reparto scelto.",
        TooManyFilesFormat = "Allega al massimo {0} file.",
        TruncatedMarker = "[… testo accorciato qui: il ticket riceve il testo completo]",
        CreatingTitle = "Creazione ticket",
        CreatingText = "Sto creando il tuo ticket… Scriverò il numero del ticket nella conversazione appena sarà aperto.",
        NotLinkedTitle = "Account non collegato",
        SubmitAgain = "Invia di nuovo",
        FormExpired = "Il modulo del ticket ci ha messo troppo ad aprirsi. Riprova con /ticket.",
        FormFailed = "Non sono riuscito ad aprire il modulo del ticket. Riprova tra un minuto; se continua, avvisa l'amministratore del bot.",
        SomethingWentWrong = "Qualcosa è andato storto da parte nostra. Riprova tra un minuto.",
        ResubmitRefused = "Non sono riuscito a inviare di nuovo il ticket. Aprine uno nuovo con /ticket.",
    };
}
