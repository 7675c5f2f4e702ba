namespace ChatBot.Linking.SignIn;

/// <summary>
/// The person a sign-in link is for, as the chat platform vouches for them: what the page shows ("Slack workspace acme,
/// user Anna") and where the private confirmation goes.
/// </summary>
/// <param name="Name">The chat display name.</param>
/// <param name="WorkspaceName">The Slack workspace's domain or the Teams team's name, when the platform said; else the id is shown.</param>
/// <param name="Locale">BCP-47; the page and the confirmation are in Italian for "it", English otherwise.</param>
/// <param name="ReplyTo">The platform's opaque address of the conversation, as in a ticket draft; only its channel reads it.</param>
public sealed record ChatPerson(ChatIdentity Identity, string Name, string? WorkspaceName, string Locale, string ReplyTo);
