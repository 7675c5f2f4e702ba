using ChatBot.Tickets;

namespace PipelineThroughput;

/// <summary>A chat channel that posts instantly and counts the outcomes.</summary>
internal sealed class InstantChannel : IChatChannel
{
    private int _count;

    public string Platform => "bench";

    public int Count => Volatile.Read(ref _count);

    public Task<FileDownloadResult> DownloadAsync(FileReference file, Requester requester, Stream destination, long maxBytes, CancellationToken cancellationToken) =>
        Task.FromResult(FileDownloadResult.Failed("no files in the benchmark"));

    public Task<PostResult> PostNoticeAsync(string replyTo, Requester requester, TicketNotice notice, CancellationToken cancellationToken)
    {
        if (notice.Kind is TicketNoticeKind.Opened or TicketNoticeKind.Failed or TicketNoticeKind.Uncertain)
        {
            Interlocked.Increment(ref _count);
        }

        return Task.FromResult(PostResult.Posted);
    }

    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Count} of {count} outcomes after {timeout}.");
            }

            await Task.Delay(10);
        }
    }
}
