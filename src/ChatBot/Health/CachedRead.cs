namespace ChatBot.Health;

/// <summary>
/// The last result of a read, reused while it is younger than a maximum age; one read at a time, so a burst of callers
/// (a dashboard, scrapes from every instance) costs one read per interval.
/// </summary>
public sealed class CachedRead<T>(TimeSpan maxAge, TimeProvider time, Func<T, DateTimeOffset> takenAt) : IDisposable
    where T : class
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The last result, if any, without reading.</summary>
    public T? Latest { get; private set; }

    public async Task<T> GetAsync(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Latest is { } cached && time.GetUtcNow() - takenAt(cached) < maxAge)
            {
                return cached;
            }

            return Latest = await read(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
