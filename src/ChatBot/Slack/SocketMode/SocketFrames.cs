using System.Text.Json;

namespace ChatBot.Slack.SocketMode;

// What Slack sends over a Socket Mode WebSocket (https://api.slack.com/apis/socket-mode), only the fields the bot
// reads; shaped like every wire record (SocketModeJsonContext): a missing or null type is a JsonException, and the
// frame is logged and skipped.

/// <summary>
/// One text frame: <c>hello</c>, <c>disconnect</c> (with <see cref="Reason"/>) or an envelope
/// (<c>slash_commands</c>, <c>interactive</c>, <c>events_api</c>) carrying <see cref="Payload"/>, the JSON the HTTP
/// transport would have received.
/// </summary>
public sealed record SocketFrame(
    string Type,
    string? EnvelopeId = null,
    JsonElement? Payload = null,
    bool? AcceptsResponsePayload = null,
    int? RetryAttempt = null,
    string? RetryReason = null,
    string? Reason = null,
    int? NumConnections = null);

/// <summary>apps.connections.open's answer.</summary>
public sealed record ConnectionsOpenResponse(bool Ok, string? Url = null, string? Error = null);
