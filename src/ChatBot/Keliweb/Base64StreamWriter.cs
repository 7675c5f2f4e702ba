using System.Buffers;
using System.Buffers.Text;

namespace ChatBot.Keliweb;

/// <summary>
/// Base64-encodes whatever is written to it onto a stream, in fixed blocks. Inputs of any length are carried over
/// between writes, so the output equals base64 of the concatenated input, padded only at <see cref="CompleteAsync"/>.
/// </summary>
internal sealed class Base64StreamWriter(Stream destination) : IDisposable
{
    // A multiple of 3: full blocks encode without padding.
    private const int BlockBytes = 3 * 16 * 1024;

    private readonly byte[] pending = ArrayPool<byte>.Shared.Rent(BlockBytes);
    private readonly byte[] encoded = ArrayPool<byte>.Shared.Rent(BlockBytes / 3 * 4);
    private int pendingCount;
    private bool disposed;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var take = Math.Min(BlockBytes - pendingCount, data.Length);
            data[..take].CopyTo(pending.AsMemory(pendingCount));
            pendingCount += take;
            data = data[take..];
            if (pendingCount == BlockBytes)
            {
                await EncodePendingAsync(cancellationToken);
            }
        }
    }

    /// <summary>Encodes the carried-over tail with its padding. Nothing may be written after this.</summary>
    public ValueTask CompleteAsync(CancellationToken cancellationToken) =>
        pendingCount == 0 ? ValueTask.CompletedTask : EncodePendingAsync(cancellationToken);

    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            ArrayPool<byte>.Shared.Return(pending);
            ArrayPool<byte>.Shared.Return(encoded);
        }
    }

    private async ValueTask EncodePendingAsync(CancellationToken cancellationToken)
    {
        Base64.EncodeToUtf8(pending.AsSpan(0, pendingCount), encoded, out _, out var written);
        pendingCount = 0;
        await destination.WriteAsync(encoded.AsMemory(0, written), cancellationToken);
    }
}
