using System.Text.Json;
using ChatBot.Slack.Payloads;

namespace ChatBot.Slack.Events;

/// <summary>
/// Routes an <c>event_callback</c> to the handler of its event type; types without one are acknowledged and dropped
/// (<c>app_uninstalled</c>, <c>tokens_revoked</c> need nothing today). The one entry point for every transport.
/// </summary>
public sealed partial class SlackEventDispatcher
{
    private readonly Dictionary<string, ISlackEventListener> _handlers = new(StringComparer.Ordinal);
    private readonly ILogger<SlackEventDispatcher> _logger;

    public SlackEventDispatcher(IEnumerable<ISlackEventListener> listeners, ILogger<SlackEventDispatcher> logger)
    {
        _logger = logger;
        foreach (var handler in listeners)
        {
            if (!_handlers.TryAdd(handler.EventType, handler))
            {
                throw new InvalidOperationException($"Two Slack listeners are registered for the event '{handler.EventType}'.");
            }
        }
    }

    /// <exception cref="JsonException">The event is malformed.</exception>
    public async Task<SlackEventAck> DispatchAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Event is not { ValueKind: JsonValueKind.Object } e)
        {
            // Nothing to act on, and a retry would bring the same: acknowledged and dropped.
            LogEvent(_logger, "(none)", envelope.TeamId ?? "", envelope.EventId ?? "");
            return SlackEventAck.Done;
        }

        var type = e.Deserialize(SlackEventsJsonContext.Default.SlackEventType)?.Type ?? "";
        LogEvent(_logger, type, envelope.TeamId ?? "", envelope.EventId ?? "");
        return _handlers.TryGetValue(type, out var handler)
            ? await handler.HandleAsync(new SlackEventDelivery(envelope.TeamId ?? "", envelope.EventId), e, cancellationToken)
            : SlackEventAck.Done;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack event {EventType} from team {TeamId} ({EventId})")]
    private static partial void LogEvent(ILogger logger, string eventType, string teamId, string eventId);
}
