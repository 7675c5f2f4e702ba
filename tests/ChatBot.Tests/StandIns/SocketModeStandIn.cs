using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Tests.StandIns;

/// <summary>
/// Slack's Socket Mode side as strict as the bot depends on it: apps.connections.open (answered through
/// <see cref="SlackApiStandIn"/>, which serves Slack:ApiBaseUrl) wants the app token and hands out single-use WebSocket
/// URLs on this server's own host and port, as Slack's wss host differs from slack.com; a real Kestrel WebSocket says
/// hello, sends envelopes and records each ack. Tests script disconnects, drops and silence on any socket.
/// </summary>
public sealed class SocketModeStandIn : IAsyncDisposable
{
    public const string AppToken = "xapp-1-A0CHATBOT-1-standin";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, bool> tickets = new();
    private int issued;

    private SocketModeStandIn(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>The Slack:SocketHosts entry for this server.</summary>
    public string HostEntry => $"127.0.0.1:{BaseUrl.Port}";

    /// <summary>Every socket the bot opened, in order.</summary>
    public ConcurrentQueue<StandInSocket> Sockets { get; } = new();

    /// <summary>When set, apps.connections.open answers ok:false with this error.</summary>
    public string? RefuseWith { get; set; }

    /// <summary>When set, the URLs handed out name this host instead of 127.0.0.1 (a host the bot must not trust).</summary>
    public string? UrlHost { get; set; }

    public int UrlsIssued => Volatile.Read(ref issued);

    public IReadOnlyList<StandInSocket> Open => [.. Sockets.Where(s => s.IsOpen)];

    public static async Task<SocketModeStandIn> StartAsync()
    {
        SocketModeStandIn? standIn = null;
        var (app, baseUrl) = await LoopbackStandIn.StartAsync(app =>
        {
            app.UseWebSockets();
            app.Map("/link", (HttpContext context) => standIn!.AcceptAsync(context));
        });
        standIn = new SocketModeStandIn(app, baseUrl);
        return standIn;
    }

    /// <summary>apps.connections.open as Slack answers it.</summary>
    public IResult ConnectionsOpen(string authorization)
    {
        if (RefuseWith is { } error)
        {
            return Results.Json(new { ok = false, error });
        }

        if (authorization != "Bearer " + AppToken)
        {
            return Results.Json(new { ok = false, error = authorization.StartsWith("Bearer xoxb-", StringComparison.Ordinal) ? "not_allowed_token_type" : "invalid_auth" });
        }

        var ticket = Guid.NewGuid().ToString("N");
        tickets[ticket] = true;
        Interlocked.Increment(ref issued);
        return Results.Json(new { ok = true, url = $"ws://{UrlHost ?? "127.0.0.1"}:{BaseUrl.Port}/link/?ticket={ticket}&app_id=A0CHATBOT" });
    }

    /// <summary>Waits until <paramref name="count"/> sockets are open (and said hello); returns them, oldest first.</summary>
    public async Task<IReadOnlyList<StandInSocket>> WaitForOpenAsync(int count, Func<IReadOnlyList<StandInSocket>, bool>? also = null, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var open = Open;
            if (open.Count >= count && (also?.Invoke(open) ?? true))
            {
                return open;
            }

            if (watch.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException($"{open.Count} sockets open, {count} wanted; {Sockets.Count} accepted, {UrlsIssued} URLs issued.");
            }

            await Task.Delay(25);
        }
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        // A URL works once, as Slack's tickets do.
        if (!tickets.TryRemove(context.Request.Query["ticket"].ToString(), out _))
        {
            context.Response.StatusCode = 401;
            return;
        }

        if (context.Request.Headers.Authorization.Count > 0)
        {
            // No token may travel with the WebSocket: the ticket is its credential.
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var standIn = new StandInSocket(socket, Sockets.Count + 1);
        Sockets.Enqueue(standIn);
        await standIn.RunAsync(context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var socket in Sockets)
        {
            socket.Drop();
        }

        await app.DisposeAsync();
    }
}

/// <summary>One accepted socket: sends hello, then what the test sends; records acks by envelope id.</summary>
public sealed class StandInSocket(WebSocket socket, int number)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> acks = new();
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly TaskCompletionSource silent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool helloSent;
    private volatile bool goingSilent;

    public int Number { get; } = number;

    public bool IsOpen => helloSent && socket.State == WebSocketState.Open && !silent.Task.IsCompleted;

    /// <summary>Every ack received, in order.</summary>
    public ConcurrentQueue<JsonObject> Acks { get; } = new();

    /// <summary>Sends an envelope; the task completes with its ack (whatever socket it came on... this one).</summary>
    public Task<JsonObject> SendEnvelopeAsync(string type, JsonObject payload, string? envelopeId = null, int? retryAttempt = null, bool acceptsResponsePayload = true)
    {
        var id = envelopeId ?? Guid.NewGuid().ToString();
        var ack = acks.GetOrAdd(id, _ => new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously));
        var envelope = new JsonObject
        {
            ["envelope_id"] = id,
            ["payload"] = payload.DeepClone(),
            ["type"] = type,
            ["accepts_response_payload"] = acceptsResponsePayload,
        };
        if (retryAttempt is { } attempt)
        {
            envelope["retry_attempt"] = attempt;
            envelope["retry_reason"] = "timeout";
        }

        return SendThenAckAsync(envelope.ToJsonString(), ack.Task);
    }

    /// <summary>The ack of <paramref name="envelopeId"/>, whenever it comes.</summary>
    public Task<JsonObject> AckOf(string envelopeId) =>
        acks.GetOrAdd(envelopeId, _ => new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public Task SendBinaryAsync(byte[] bytes) => SendAsync(bytes, WebSocketMessageType.Binary);

    /// <summary>A text frame of exactly these bytes, valid UTF-8 or not (as no real Slack would send).</summary>
    public Task SendTextBytesAsync(byte[] bytes) => SendAsync(bytes, WebSocketMessageType.Text);

    public Task DisconnectAsync(string reason) =>
        SendTextAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = reason, ["debug_info"] = new JsonObject { ["host"] = "applink-standin" } }.ToJsonString());

    /// <summary>Closes from Slack's side, as Slack does a few seconds after a disconnect message.</summary>
    public async Task CloseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Cuts the TCP connection without a close frame.</summary>
    public void Drop() => socket.Abort();

    /// <summary>
    /// Stops reading, so pings go unanswered, like a connection that died somewhere on the way. A read is always
    /// pending (and a pending read answers pings), so an envelope of a kind the bot ignores makes the bot send an ack
    /// that completes it; after that, nothing is read.
    /// </summary>
    public async Task GoSilentAsync()
    {
        goingSilent = true;
        await SendTextAsync(new JsonObject { ["type"] = "silence_probe", ["envelope_id"] = "probe-" + Number, ["payload"] = new JsonObject() }.ToJsonString());
        await silent.Task;
    }

    internal async Task RunAsync(CancellationToken aborted)
    {
        var hello = new JsonObject
        {
            ["type"] = "hello",
            ["num_connections"] = Number,
            ["debug_info"] = new JsonObject { ["host"] = "applink-standin", ["approximate_connection_time"] = 18060 },
            ["connection_info"] = new JsonObject { ["app_id"] = "A0CHATBOT" },
        };
        await SendTextAsync(hello.ToJsonString());
        helloSent = true;
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                var result = await socket.ReceiveAsync(buffer.AsMemory(), aborted);
                message.Write(buffer, 0, result.Count);
                while (!result.EndOfMessage)
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(), aborted);
                    message.Write(buffer, 0, result.Count);
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await CloseAsync();
                    return;
                }

                if (JsonNode.Parse(message.ToArray()) is JsonObject ack && ack["envelope_id"]?.GetValue<string>() is { } id)
                {
                    Acks.Enqueue(ack);
                    acks.GetOrAdd(id, _ => new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(ack);
                }

                if (goingSilent)
                {
                    silent.TrySetResult();
                    await Task.Delay(Timeout.Infinite, aborted);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task<JsonObject> SendThenAckAsync(string text, Task<JsonObject> ack)
    {
        await SendTextAsync(text);
        return await ack;
    }

    private async Task SendAsync(byte[] bytes, WebSocketMessageType type)
    {
        await sendLock.WaitAsync();
        try
        {
            await socket.SendAsync(bytes, type, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            sendLock.Release();
        }
    }
}
