using System.Text.Json.Nodes;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Cards;

namespace ChatBot.Teams.Installations;

/// <summary>
/// The short welcome posted once where the app is added: what the bot does, how to open a ticket there, how to link
/// one's Keliweb account (the <c>link</c> chat command). In English or Italian, from the locale of the activity that added it.
/// </summary>
public static class WelcomeCard
{
    public static JsonObject Build(string? locale, bool shared)
    {
        var texts = locale is not null && locale.StartsWith("it", StringComparison.OrdinalIgnoreCase) ? WelcomeTexts.Italian : WelcomeTexts.English;
        return CardElements.Card(new JsonArray(
            CardElements.Heading(texts.Title),
            CardElements.Text(texts.WhatItDoes),
            CardElements.Text(shared ? texts.HowToOpenShared : texts.HowToOpenPersonal),
            CardElements.Text(texts.HowToLink)));
    }

    /// <summary>Where the welcome goes: the conversation the bot was added to (a team's General channel, the chat).</summary>
    public static WelcomeTarget TargetOf(TeamsActivity activity) =>
        new(activity.Conversation?.Id ?? "", activity.ServiceUrl, activity.ServiceUrlVouched, activity.Locale, activity.IsPersonal);

    private sealed record WelcomeTexts(string Title, string WhatItDoes, string HowToOpenPersonal, string HowToOpenShared, string HowToLink)
    {
        public static readonly WelcomeTexts English = new(
            Title: "Keliweb support tickets, right here",
            WhatItDoes: "I open Keliweb support tickets without leaving Teams: department, priority, message and files. The ticket number comes back where you asked; the private link to the ticket only reaches you, in our 1:1 chat.",
            HowToOpenPersonal: "To open one, write \"ticket\" here, or choose \"Create ticket\" from the … menu of any message: its text and files go into the form.",
            HowToOpenShared: "To open one, mention me with \"ticket\" in a message here, or choose \"Create ticket\" from the … menu of any message: its text and files go into the form.",
            HowToLink: "Tickets are opened for your Keliweb account: write \"link\" to me to connect it (you sign in to Keliweb once, on a page whose link only you get).");

        public static readonly WelcomeTexts Italian = new(
            Title: "Ticket di assistenza Keliweb, direttamente qui",
            WhatItDoes: "Apro ticket di assistenza Keliweb senza uscire da Teams: reparto, priorità, messaggio e file. Il numero del ticket arriva dove l'hai chiesto; il link privato al ticket arriva solo a te, nella nostra chat 1:1.",
            HowToOpenPersonal: "Per aprirne uno scrivi \"ticket\" qui, oppure scegli \"Crea ticket\" dal menu … di un messaggio: testo e file finiscono nel modulo.",
            HowToOpenShared: "Per aprirne uno menzionami con \"ticket\" in un messaggio qui, oppure scegli \"Crea ticket\" dal menu … di un messaggio: testo e file finiscono nel modulo.",
            HowToLink: "I ticket vengono aperti per il tuo account Keliweb: scrivimi \"collega\" per collegarlo (accedi a Keliweb una volta, da una pagina il cui link arriva solo a te).");
    }
}
