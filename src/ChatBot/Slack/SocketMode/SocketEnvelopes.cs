using System.Runtime.InteropServices;
using System.Text.Json;
using ChatBot.Slack.Dispatch;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Payloads;

namespace ChatBot.Slack.SocketMode;

/// <summary>
/// Turns an envelope into the payload the HTTP transport would have parsed and hands it to the same
/// <see cref="SlackDispatcher"/>, once per <c>envelope_id</c> (<see cref="EnvelopeLedger"/>). The socket is
/// authenticated by the app token, so there is no signature to check; the payload is still parsed as hostile.
/// </summary>
public sealed partial class SocketEnvelopes(SlackDispatcher dispatcher, IServiceScopeFactory scopes, EnvelopeLedger ledger, ILogger<SocketEnvelopes> logger)
{
    public const string SlashCommands = "slash_commands";
    public const string Interactive = "interactive";
    public const string EventsApi = "events_api";

    /// <summary>The acknowledgement for <paramref name="frame"/>; <see cref="SlackAck.Refused"/> means send none.</summary>
    /// <param name="cancellationToken">The bot's stopping token, not the connection's: a connection that closes mid-handler must not cut a submission in half.</param>
    public async Task<SlackAck> AnswerAsync(SocketFrame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var answer = ledger.AnswerAsync(frame.EnvelopeId!, () => DispatchAsync(frame, cancellationToken), out var duplicate);
        if (duplicate)
        {
            LogRedelivered(logger, frame.Type, frame.EnvelopeId!, frame.RetryAttempt ?? 0, frame.RetryReason ?? "");
        }

        return await answer;
    }

    private async Task<SlackAck> DispatchAsync(SocketFrame frame, CancellationToken cancellationToken)
    {
        if (frame.Payload is not { ValueKind: JsonValueKind.Object } payload)
        {
            LogMalformed(logger, frame.Type, frame.EnvelopeId!, "payload is not an object");
            return SlackAck.Empty;
        }

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        try
        {
            switch (frame.Type)
            {
                case SlashCommands when SlashCommand.FromJson(payload) is { } command:
                    return await dispatcher.CommandAsync(command, services, cancellationToken);
                case SlashCommands:
                    LogMalformed(logger, frame.Type, frame.EnvelopeId!, "a field every command carries is missing");
                    return SlackAck.Empty;
                case Interactive:
                    return await dispatcher.InteractionAsync(SlackInteraction.Read(JsonMarshal.GetRawUtf8Value(payload)), services, cancellationToken);
                case EventsApi:
                    var envelope = payload.Deserialize(SlackJsonContext.Default.EventEnvelope) ?? throw new JsonException("null event");
                    return await dispatcher.EventAsync(envelope, services, cancellationToken);
                default:
                    LogUnknownType(logger, frame.Type, frame.EnvelopeId!);
                    return SlackAck.Empty;
            }
        }
        catch (JsonException ex)
        {
            // Acknowledged all the same, as HTTP's 400 is final: a re-delivery would be just as malformed.
            LogMalformed(logger, frame.Type, frame.EnvelopeId!, ex.Message);
            return SlackAck.Empty;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode: {Type} envelope {EnvelopeId} delivered again (retry {RetryAttempt}, {RetryReason}); answered as the first time")]
    private static partial void LogRedelivered(ILogger logger, string type, string envelopeId, int retryAttempt, string retryReason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode: {Type} envelope {EnvelopeId} is malformed ({Problem}); acknowledged and skipped")]
    private static partial void LogMalformed(ILogger logger, string type, string envelopeId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode: envelope type '{Type}' ({EnvelopeId}) is not one the bot knows; acknowledged and skipped")]
    private static partial void LogUnknownType(ILogger logger, string type, string envelopeId);
}
