using System.Collections.Concurrent;
using ChatBot.Linking;
using ChatBot.Tickets;

namespace ChatBot.Tests.StandIns;

/// <summary>
/// A chat channel for pipeline tests, at the pipeline's one seam: serves file bytes from memory by locator and
/// records every notice. Posting can be made to fail for a while to test the post-back retries.
/// </summary>
public sealed class RecordingChatChannel(string platform = ChatPlatforms.Slack) : IChatChannel
{
    private int _postFailuresLeft;
    private TimeSpan? _postRetryAfter = TimeSpan.FromMilliseconds(50);

    public string Platform { get; } = platform;

    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    public ConcurrentQueue<(string ReplyTo, Requester Requester, TicketNotice Notice)> Notices { get; } = new();

    public void FailNextPosts(int count) => Interlocked.Exchange(ref _postFailuresLeft, count);

    /// <summary>The next <paramref name="count"/> posts ask to be retried after <paramref name="retryAfter"/>, as a platform's 429 would.</summary>
    public void FailNextPosts(int count, TimeSpan? retryAfter)
    {
        _postRetryAfter = retryAfter;
        Interlocked.Exchange(ref _postFailuresLeft, count);
    }

    /// <summary>How long each post takes, so that posts made at the same time overlap.</summary>
    public TimeSpan PostDelay { get; set; }

    /// <summary>The most posts in flight at once since the last <see cref="ResetConcurrency"/>.</summary>
    public int MaxConcurrentPosts => Volatile.Read(ref _maxConcurrentPosts);

    public void ResetConcurrency() => Interlocked.Exchange(ref _maxConcurrentPosts, Volatile.Read(ref _postsInFlight));

    private int _postsInFlight;
    private int _maxConcurrentPosts;

    public async Task<FileDownloadResult> DownloadAsync(FileReference file, Requester requester, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        if (!Files.TryGetValue(file.Locator, out var bytes))
        {
            return FileDownloadResult.Failed("404");
        }

        if (bytes.Length > maxBytes)
        {
            return FileDownloadResult.TooLarge(bytes.Length);
        }

        await destination.WriteAsync(bytes, cancellationToken);
        return FileDownloadResult.Ok(bytes.Length);
    }

    public async Task<PostResult> PostNoticeAsync(string replyTo, Requester requester, TicketNotice notice, CancellationToken cancellationToken)
    {
        var inFlight = Interlocked.Increment(ref _postsInFlight);
        try
        {
            int max;
            while (inFlight > (max = Volatile.Read(ref _maxConcurrentPosts)) && Interlocked.CompareExchange(ref _maxConcurrentPosts, inFlight, max) != max)
            {
            }

            if (PostDelay > TimeSpan.Zero)
            {
                await Task.Delay(PostDelay, cancellationToken);
            }

            if (Interlocked.Decrement(ref _postFailuresLeft) >= 0)
            {
                return PostResult.Later(_postRetryAfter, "chat is down");
            }

            Notices.Enqueue((replyTo, requester, notice));
            return PostResult.Posted;
        }
        finally
        {
            Interlocked.Decrement(ref _postsInFlight);
        }
    }

    public IReadOnlyList<TicketNotice> NoticesFor(string submissionId) =>
        Notices.Where(n => n.Notice.SubmissionId == submissionId).Select(n => n.Notice).ToList();

    /// <summary>Polls until <paramref name="predicate"/> holds for the recorded notices or the deadline passes.</summary>
    public async Task<IReadOnlyList<TicketNotice>> WaitForAsync(Func<IReadOnlyList<TicketNotice>, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var all = Notices.Select(n => n.Notice).ToList();
            if (predicate(all))
            {
                return all;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected notices did not arrive within {timeout}; got: {string.Join(" | ", all.Select(n => n.Kind + ": " + n.PublicText))}");
            }

            await Task.Delay(25);
        }
    }
}
