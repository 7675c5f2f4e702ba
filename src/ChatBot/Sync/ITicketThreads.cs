using ChatBot.Tickets;

namespace ChatBot.Sync;

/// <summary>
/// The seam between the ticket sync and a chat platform, like <see cref="IChatChannel"/> for the pipeline: where a
/// followed ticket's conversation is, and how staff replies, status and acknowledgements reach it. Slack and Teams
/// each implement it; the sync never sees their types. Locations and thread keys are the platform's own strings.
/// </summary>
public interface ITicketThreads
{
    /// <summary>"slack" or "teams", as <see cref="Requester.Platform"/>.</summary>
    string Platform { get; }

    /// <summary>
    /// The keys of the chat places whose messages belong to the ticket, given where a post of it landed
    /// (<see cref="PostResult.Location"/>): its thread, or the post itself where a chat has no threads. The same key
    /// comes back in <see cref="ThreadMessage.ThreadKey"/> when someone writes there.
    /// </summary>
    IReadOnlyList<string> ThreadKeys(string location);

    /// <summary>Posts a staff reply where <paramref name="conversation"/> says, carrying <see cref="StaffReplyPost.Key"/> where the platform can.</summary>
    Task<ThreadPostResult> PostReplyAsync(TicketConversation conversation, StaffReplyPost reply, CancellationToken cancellationToken);

    /// <summary>After a crash between a post and its mark: whether the reply with this key is in the conversation.</summary>
    Task<PriorPost> FindReplyAsync(TicketConversation conversation, StaffReplyPost reply, CancellationToken cancellationToken);

    /// <summary>Shows <paramref name="notice"/> (with its <see cref="TicketNotice.Status"/>) in place of the announcing message.</summary>
    Task<PostResult> ShowStatusAsync(TicketConversation conversation, TicketNotice notice, CancellationToken cancellationToken);

    /// <summary>Who wrote a thread message: name, language and email as the platform knows them.</summary>
    Task<Requester> AuthorAsync(ThreadMessage message, CancellationToken cancellationToken);

    /// <summary>Tells the chat that the message reached the ticket (a reaction, a short reply); <paramref name="note"/> adds what was not attached.</summary>
    Task<PostResult> AcknowledgeAsync(ThreadMessage message, string text, string? note, CancellationToken cancellationToken);

    /// <summary>Tells the message's author alone (an ephemeral message, their 1:1 chat).</summary>
    Task<PostResult> TellAuthorAsync(ThreadMessage message, string text, CancellationToken cancellationToken);
}

/// <summary>Where a followed ticket's conversation is.</summary>
/// <param name="ReplyTo">The draft's reply target: where the ticket was asked for.</param>
/// <param name="Announcement">Where the announcing message landed; null when the channel could not say.</param>
public sealed record TicketConversation(string SubmissionId, string Tid, Requester Requester, string ReplyTo, string? Announcement, SyncReplies RepliesIn);

/// <summary>A staff reply as chat shows it, texts already in the requester's language.</summary>
/// <param name="Key">Unique per reply for good ("{submission}:{reply id}"): posted with the message where the platform keeps metadata.</param>
/// <param name="Heading">Who answered, on which ticket.</param>
/// <param name="Attachments">The attachments' names and where to get them; null without any.</param>
/// <param name="RepeatNote">Set when the reply may already be in the conversation (a crash between the post and its mark, on a platform that cannot look).</param>
public sealed record StaffReplyPost(string Key, string Heading, Markup.FormattedText Body, string? Attachments, string? RepeatNote, string Culture);

public enum ThreadPostStatus
{
    Posted,
    /// <summary>Surely not posted (a rate limit, a refusal before sending): post it again later as new.</summary>
    NotPosted,
    /// <summary>May have been posted (a timeout, a 5xx): look before posting again.</summary>
    MaybePosted,
    /// <summary>Refused for good (the conversation is gone, the app removed).</summary>
    Refused,
}

/// <param name="Location">Where the post landed (channel-owned), when <see cref="ThreadPostStatus.Posted"/>.</param>
public sealed record ThreadPostResult(ThreadPostStatus Status, string? Location = null, TimeSpan? RetryAfter = null, string? Reason = null)
{
    public static ThreadPostResult PostedAt(string? location) => new(ThreadPostStatus.Posted, location);
}

/// <summary>What a look for an earlier post found.</summary>
public enum PriorPostStatus
{
    Found,
    NotFound,
    /// <summary>The platform cannot look (or could not now): the post may or may not be there.</summary>
    Unknown,
}

public sealed record PriorPost(PriorPostStatus Status, string? Location = null)
{
    public static readonly PriorPost NotFound = new(PriorPostStatus.NotFound);
    public static readonly PriorPost Unknown = new(PriorPostStatus.Unknown);
}

/// <summary>The registered platforms' <see cref="ITicketThreads"/> by name.</summary>
public sealed class TicketThreadChannels(IEnumerable<ITicketThreads> threads)
{
    private readonly Dictionary<string, ITicketThreads> _byPlatform = threads.ToDictionary(t => t.Platform, StringComparer.OrdinalIgnoreCase);

    public ITicketThreads? Find(string platform) => _byPlatform.GetValueOrDefault(platform);
}
