using System.Text.Json;
using ChatBot.Slack.Payloads;

namespace ChatBot.Slack.Events;

/// <summary>
/// A <c>message</c> event (https://api.slack.com/events/message), the fields the bot reads. <see cref="Channel"/> is
/// required: a message event without one is malformed (400). Files may hold nulls on a hostile wire: readers skip them.
/// </summary>
public sealed record MessageEvent(
    string Type,
    string Channel,
    string? User = null,
    string? Text = null,
    string? Ts = null,
    string? ThreadTs = null,
    string? Subtype = null,
    string? BotId = null,
    string? ChannelType = null,
    bool? Hidden = null,
    JsonElement? Blocks = null,
    IReadOnlyList<SlackFile?>? Files = null)
{
    /// <summary>Subtypes written by a person that the bot takes: a plain message, one with files, a thread reply also sent to the channel.</summary>
    public static readonly IReadOnlySet<string?> PersonSubtypes = new HashSet<string?> { null, "file_share", "thread_broadcast" };

    /// <summary>A person's reply inside a thread: not a bot's (the bot's own included), not an edit or a deletion, not the thread's first message.</summary>
    public bool IsPersonsThreadReply =>
        BotId is null && Hidden != true && PersonSubtypes.Contains(Subtype) && !string.IsNullOrEmpty(User)
        && !string.IsNullOrEmpty(Ts) && !string.IsNullOrEmpty(ThreadTs) && ThreadTs != Ts;
}

/// <summary>Just the discriminator of an <c>event_callback</c>'s inner event, read before the concrete type is chosen.</summary>
public sealed record SlackEventType(string? Type = null);
