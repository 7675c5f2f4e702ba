using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using ChatBot.Json;
using ChatBot.Slack.Handlers;

namespace ChatBot.Slack.SocketMode;

/// <summary>Why a connection ended, for the slot that replaces it.</summary>
/// <param name="WasOpen">Slack said hello on it: the URL and the token worked, so the next attempt starts without backoff.</param>
/// <param name="Disabled">Slack said <c>link_disabled</c>: Socket Mode is off in the app's settings.</param>
public sealed record SocketEnd(string Reason, bool WasOpen, bool Disabled);

/// <summary>
/// One WebSocket to Slack, from the handshake to its close: reads frames (size-capped, hostile ones logged and skipped),
/// answers <c>hello</c> and <c>disconnect</c>, and acks each envelope with its handler's payload. Envelopes run
/// alongside the reading, so pings are answered while a handler works. The client pings every
/// <see cref="SocketModeOptions.SocketPingInterval"/> and gives up on a socket that answers no ping within
/// <see cref="SocketModeOptions.SocketPingTimeout"/>: the watchdog for a socket that went silent.
/// </summary>
public sealed partial class SocketConnection : IAsyncDisposable
{
    private const int ChunkBytes = 16 * 1024;
    private const int MaxEnvelopesInFlight = 64;

    private readonly ClientWebSocket socket;
    private readonly SocketEnvelopes envelopes;
    private readonly int maxMessageBytes;
    private readonly TimeSpan helloTimeout;
    private readonly ILogger logger;
    private readonly CancellationToken stopping;
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly SemaphoreSlim inFlight = new(MaxEnvelopesInFlight, MaxEnvelopesInFlight);
    private readonly ConcurrentDictionary<Task, byte> running = new();
    private readonly TaskCompletionSource<string> replaceRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool disabled;

    private SocketConnection(int slot, ClientWebSocket socket, SocketEnvelopes envelopes, int maxMessageBytes, TimeSpan helloTimeout, ILogger logger, CancellationToken stopping)
    {
        Slot = slot;
        this.socket = socket;
        this.envelopes = envelopes;
        this.maxMessageBytes = maxMessageBytes;
        this.helloTimeout = helloTimeout;
        this.logger = logger;
        this.stopping = stopping;
    }

    public int Slot { get; }

    /// <summary>Completes, with the reason, when Slack announced this connection's end (<c>warning</c>, <c>refresh_requested</c>, <c>link_disabled</c>).</summary>
    public Task<string> ReplaceRequested => replaceRequested.Task;

    /// <summary>Completes when Slack said hello.</summary>
    public Task Hello => hello.Task;

    /// <summary>Opens the WebSocket to <paramref name="url"/> (already checked against Slack:SocketHosts). No token goes with it: the URL's ticket is the credential.</summary>
    public static async Task<SocketConnection> ConnectAsync(
        int slot, Uri url, SocketModeOptions options, SocketEnvelopes envelopes, int maxMessageBytes, ILogger logger, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(options);
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = options.SocketPingInterval;
        socket.Options.KeepAliveTimeout = options.SocketPingTimeout;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(options.SocketPingTimeout);
            await socket.ConnectAsync(url, timeout.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new SocketConnection(slot, socket, envelopes, maxMessageBytes, options.SocketPingTimeout, logger, stopping);
    }

    /// <summary>Reads until the socket closes, fails or goes silent; the envelopes already read still finish and are acked if the socket lets them.</summary>
    public async Task<SocketEnd> RunAsync()
    {
        var reason = await ReadAsync();
        await Task.WhenAll(running.Keys);
        return new SocketEnd(reason, hello.Task.IsCompleted, disabled);
    }

    /// <summary>Closes the socket politely (the service stops, or a replaced connection outlived its grace).</summary>
    public async Task CloseAsync()
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closing", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                socket.Abort();
            }
        }
    }

    private async Task<string> ReadAsync()
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var message = new ArrayBufferWriter<byte>(ChunkBytes);
        var skipping = false;
        using var helloWatch = new CancellationTokenSource(helloTimeout);
        using var helloAbort = helloWatch.Token.Register(() =>
        {
            if (!hello.Task.IsCompleted)
            {
                socket.Abort();
            }
        });
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(chunk.AsMemory(), stopping);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await CloseAsync();
                    return $"closed by Slack ({socket.CloseStatus?.ToString() ?? "no status"})";
                }

                if (skipping || message.WrittenCount + result.Count > maxMessageBytes)
                {
                    // Drained without keeping it: memory stays at the cap whatever Slack (or an impostor) sends.
                    if (!skipping)
                    {
                        LogTooLarge(logger, Slot, maxMessageBytes);
                    }

                    skipping = !result.EndOfMessage;
                    message.Clear();
                    continue;
                }

                message.Write(chunk.AsSpan(0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (result.MessageType == WebSocketMessageType.Text)
                {
                    await ReceivedAsync(message.WrittenSpan.ToArray());
                }
                else
                {
                    LogBinary(logger, Slot);
                }

                message.Clear();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await CloseAsync();
            return "the bot is stopping";
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            return hello.Task.IsCompleted ? "dropped or silent: " + ex.Message : "no hello within " + helloTimeout.TotalSeconds + " s";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private async Task ReceivedAsync(byte[] json)
    {
        // The payload stays raw JSON that handlers read later: text that is not UTF-8 would throw there, not here.
        if (!WellFormedJsonText.IsValid(json))
        {
            LogUnreadable(logger, Slot, json.Length, "not well-formed UTF-8 JSON");
            return;
        }

        SocketFrame? frame;
        try
        {
            frame = JsonSerializer.Deserialize(json, SocketModeJsonContext.Default.SocketFrame);
        }
        catch (JsonException ex)
        {
            LogUnreadable(logger, Slot, json.Length, ex.Message);
            return;
        }

        switch (frame)
        {
            case null:
                LogUnreadable(logger, Slot, json.Length, "null");
                return;
            case { Type: "hello" }:
                hello.TrySetResult();
                return;
            case { Type: "disconnect" }:
                var reason = frame.Reason ?? "unknown";
                disabled |= reason == "link_disabled";
                LogDisconnect(logger, Slot, reason);
                replaceRequested.TrySetResult(reason);
                return;
            case { EnvelopeId: { Length: > 0 } }:
                // Waits when too many handlers run already: reading pauses, and Slack's own timeout takes over.
                await inFlight.WaitAsync(stopping);
                var task = AnswerAsync(frame);
                running.TryAdd(task, 0);
                _ = task.ContinueWith(t => running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return;
            default:
                LogIgnored(logger, Slot, frame.Type);
                return;
        }
    }

    private async Task AnswerAsync(SocketFrame frame)
    {
        try
        {
            await Task.Yield();
            SlackAck ack;
            try
            {
                ack = await envelopes.AnswerAsync(frame, stopping);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogEnvelopeFailed(logger, Slot, frame.Type, frame.EnvelopeId!, ex);
                return;
            }

            if (ack.IsRefused)
            {
                // No ack: Slack shows its "trouble connecting" and the user can try again, as after HTTP's 503.
                return;
            }

            await SendAckAsync(frame.EnvelopeId!, frame.AcceptsResponsePayload == false ? null : ack.Body);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            inFlight.Release();
        }
    }

    private async Task SendAckAsync(string envelopeId, ReadOnlyMemory<byte>? payload)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (payload?.Length ?? 0));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("envelope_id", envelopeId);
            if (payload is { } body)
            {
                writer.WritePropertyName("payload");
                writer.WriteRawValue(body.Span, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        await sendLock.WaitAsync(stopping);
        try
        {
            await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, stopping);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
        {
            // Slack delivers an envelope without ack again, and the ledger answers it the same way there.
            LogAckLost(logger, Slot, envelopeId, ex.Message);
        }
        finally
        {
            sendLock.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        sendLock.Dispose();
        inFlight.Dispose();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection {Slot}: a message larger than {MaxBytes} bytes was skipped")]
    private static partial void LogTooLarge(ILogger logger, int slot, int maxBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection {Slot}: a binary message was skipped")]
    private static partial void LogBinary(ILogger logger, int slot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection {Slot}: an unreadable frame of {Length} bytes was skipped ({Problem})")]
    private static partial void LogUnreadable(ILogger logger, int slot, int length, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connection {Slot}: Slack announced a disconnect ({Reason})")]
    private static partial void LogDisconnect(ILogger logger, int slot, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack Socket Mode connection {Slot}: frame type '{Type}' ignored")]
    private static partial void LogIgnored(ILogger logger, int slot, string type);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack Socket Mode connection {Slot}: {Type} envelope {EnvelopeId} failed; not acknowledged")]
    private static partial void LogEnvelopeFailed(ILogger logger, int slot, string type, string envelopeId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection {Slot}: the ack of {EnvelopeId} could not be sent ({Problem}); Slack will deliver it again")]
    private static partial void LogAckLost(ILogger logger, int slot, string envelopeId, string problem);
}
