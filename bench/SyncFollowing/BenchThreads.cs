using ChatBot.Sync;
using ChatBot.Tickets;

namespace SyncFollowing;

/// <summary>
/// The benchmark's chat: announcements land at once (each with a location, so the ticket is followed), staff replies
/// and status updates are counted. What is measured is the sync, not a chat platform.
/// </summary>
internal sealed class BenchChat : IChatChannel, ITicketThreads
{
    private int _announced;
    private int _replies;
    private int _statuses;

    public string Platform => "bench";

    public int Announced => Volatile.Read(ref _announced);

    public int Replies => Volatile.Read(ref _replies);

    public int Statuses => Volatile.Read(ref _statuses);

    public Task<FileDownloadResult> DownloadAsync(FileReference file, Requester requester, Stream destination, long maxBytes, CancellationToken cancellationToken) =>
        Task.FromResult(FileDownloadResult.Failed("no files in the benchmark"));

    public Task<PostResult> PostNoticeAsync(string replyTo, Requester requester, TicketNotice notice, CancellationToken cancellationToken)
    {
        if (notice.Kind == TicketNoticeKind.Opened)
        {
            return Task.FromResult(PostResult.PostedAt("bench:" + Interlocked.Increment(ref _announced)));
        }

        return Task.FromResult(PostResult.Posted);
    }

    public IReadOnlyList<string> ThreadKeys(string location) => [location];

    public Task<ThreadPostResult> PostReplyAsync(TicketConversation conversation, StaffReplyPost reply, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _replies);
        return Task.FromResult(ThreadPostResult.PostedAt(null));
    }

    public Task<PriorPost> FindReplyAsync(TicketConversation conversation, StaffReplyPost reply, CancellationToken cancellationToken) =>
        Task.FromResult(PriorPost.NotFound);

    public Task<PostResult> ShowStatusAsync(TicketConversation conversation, TicketNotice notice, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _statuses);
        return Task.FromResult(PostResult.Posted);
    }

    public Task<Requester> AuthorAsync(ThreadMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(new Requester("bench", "T1", "U1", "Bench", "bench@example.com", "en-US"));

    public Task<PostResult> AcknowledgeAsync(ThreadMessage message, string text, string? note, CancellationToken cancellationToken) => Task.FromResult(PostResult.Posted);

    public Task<PostResult> TellAuthorAsync(ThreadMessage message, string text, CancellationToken cancellationToken) => Task.FromResult(PostResult.Posted);
}
