using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBot.Slack.Handlers;

/// <summary>
/// What a handler answers Slack within its 3 seconds, whatever carried the request: the HTTP endpoints write it as the
/// response (<c>SlackResults.ToResult</c>), Socket Mode as the envelope's ack payload. Empty (the plain acknowledgement),
/// a JSON body (an ephemeral message, <c>response_action</c> errors or update), or a refusal.
/// </summary>
public sealed class SlackAck
{
    private SlackAck(ReadOnlyMemory<byte>? body, bool refused, bool notInstalled = false)
    {
        Body = body;
        IsRefused = refused;
        IsNotInstalled = notInstalled;
    }

    /// <summary>The plain acknowledgement: an empty 200, an ack without payload.</summary>
    public static SlackAck Empty { get; } = new(null, false);

    /// <summary>
    /// "Try again": HTTP answers 503, Socket Mode sends no ack, and either way Slack shows "trouble connecting" and keeps
    /// the modal, so the user can submit again (same view id, no second ticket) instead of losing what they typed.
    /// </summary>
    public static SlackAck Refused { get; } = new(null, true);

    /// <summary>
    /// The workspace has not installed the app, so nothing was handled: HTTP answers 401; Socket Mode acks without a
    /// payload (a socket has no status, and no ack would only make Slack deliver it again).
    /// </summary>
    public static SlackAck NotInstalled { get; } = new(null, false, notInstalled: true);

    /// <summary>UTF-8 JSON to send back; null for <see cref="Empty"/> and <see cref="Refused"/>.</summary>
    public ReadOnlyMemory<byte>? Body { get; }

    public bool IsRefused { get; }

    public bool IsNotInstalled { get; }

    public static SlackAck Json(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body.WriteTo(writer);
        }

        return new SlackAck(buffer.WrittenMemory, false);
    }

    /// <summary>An answer serialized beforehand (UTF-8 JSON).</summary>
    public static SlackAck Json(byte[] utf8Body) => new(utf8Body, false);
}
