namespace ChatBot.Tickets;

/// <summary>
/// The one seam between the ticket pipeline and a chat platform. Slack and Teams each implement it;
/// the pipeline never sees their types.
/// </summary>
public interface IChatChannel
{
    /// <summary>"slack" or "teams"; matches <see cref="Requester.Platform"/>.</summary>
    string Platform { get; }

    /// <summary>
    /// Streams one file into <paramref name="destination"/>, stopping with <see cref="FileDownloadResult.TooLarge"/>
    /// once more than <paramref name="maxBytes"/> arrived. Never throws for remote failures: it reports them.
    /// <paramref name="requester"/> is whose submission it is: the file is fetched with the credentials of the
    /// installation they came through.
    /// </summary>
    Task<FileDownloadResult> DownloadAsync(FileReference file, Requester requester, Stream destination, long maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// Shows <paramref name="notice"/> where the conversation is (<see cref="TicketDraft.ReplyTo"/>), and its private
    /// part (the ticket link) only to the requester. Falls back to a direct message when the conversation refuses.
    /// </summary>
    Task<PostResult> PostNoticeAsync(string replyTo, Requester requester, TicketNotice notice, CancellationToken cancellationToken);
}

public enum FileDownloadStatus
{
    Downloaded,
    TooLarge,
    Failed,
    /// <summary>The platform says why the file cannot be had, in words for the requester (<see cref="FileDownloadResult.Reason"/>).</summary>
    Unavailable,
}

/// <param name="Reason">For <see cref="FileDownloadStatus.Failed"/> a reason for the logs; for <see cref="FileDownloadStatus.Unavailable"/> one for the requester, already in their language.</param>
public sealed record FileDownloadResult(FileDownloadStatus Status, long Bytes, string? Reason = null)
{
    public static FileDownloadResult Ok(long bytes) => new(FileDownloadStatus.Downloaded, bytes);
    public static FileDownloadResult TooLarge(long bytes) => new(FileDownloadStatus.TooLarge, bytes, "too large");
    public static FileDownloadResult Failed(string reason) => new(FileDownloadStatus.Failed, 0, reason);
    public static FileDownloadResult Unavailable(string reasonForUser) => new(FileDownloadStatus.Unavailable, 0, reasonForUser);
}

public enum PostStatus
{
    Posted,
    /// <summary>Try again later (rate limit, 5xx, network); <see cref="PostResult.RetryAfter"/> when the platform said.</summary>
    Retry,
    /// <summary>Nothing more can be done (user gone, app uninstalled).</summary>
    Failed,
}

/// <param name="Location">
/// Where the post landed, channel-owned and opaque (a Slack channel and ts, a Teams conversation and activity id), when
/// the channel can say: the sync finds the announcing message and its thread again through it.
/// </param>
public sealed record PostResult(PostStatus Status, TimeSpan? RetryAfter = null, string? Reason = null, string? Location = null)
{
    public static readonly PostResult Posted = new(PostStatus.Posted);
    public static PostResult PostedAt(string? location) => new(PostStatus.Posted, Location: location);
    public static PostResult Later(TimeSpan? retryAfter, string reason) => new(PostStatus.Retry, retryAfter, reason);
    public static PostResult Gave(string reason) => new(PostStatus.Failed, null, reason);
}
