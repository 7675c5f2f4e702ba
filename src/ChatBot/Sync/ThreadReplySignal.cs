using System.Threading.Channels;

namespace ChatBot.Sync;

/// <summary>Wakes the reply worker when a message was accepted, instead of letting it wait for its next poll.</summary>
public sealed class ThreadReplySignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>One wake-up covers every message stored meanwhile.</summary>
    public void Pulse() => _channel.Writer.TryWrite(true);

    /// <summary>Waits until pulsed or until <paramref name="timeout"/> passes; returns quietly when stopped.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
