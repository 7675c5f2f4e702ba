using ChatBot.Linking;
using ChatBot.Tickets;

namespace ChatBot.Sync;

/// <summary>
/// A message someone wrote in a followed ticket's thread, as a platform hands it over: platform-free, already Markdown.
/// </summary>
/// <param name="ThreadKey">The thread it was written in (see <see cref="ITicketThreads.ThreadKeys"/>).</param>
/// <param name="MessageKey">The message itself, the same however often it is delivered (Slack: channel and ts).</param>
/// <param name="DeliveryKey">This delivery, when the platform numbers them (Slack's event_id); re-deliveries repeat it.</param>
/// <param name="Author">Who wrote it, as the platform vouches.</param>
/// <param name="Origin">Platform-owned: where to acknowledge it and how to reach its author.</param>
/// <param name="Locale">The author's language when the platform said.</param>
public sealed record ThreadMessage(
    string ThreadKey,
    string MessageKey,
    string? DeliveryKey,
    ChatIdentity Author,
    string Text,
    IReadOnlyList<FileReference> Files,
    string Origin,
    string? Locale = null);
