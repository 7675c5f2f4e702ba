using System.Text.Json;

namespace ChatBot.Slack.Events;

/// <summary>
/// Handles one Events API event type (<c>message</c>, …), registered once. Runs inside Slack's 3 seconds, over HTTP or
/// Socket Mode alike: it stores what must be durable and leaves the work to a worker.
/// </summary>
public interface ISlackEventListener
{
    string EventType { get; }

    /// <exception cref="JsonException">The event is malformed: the transport answers 400 (Slack does not retry those).</exception>
    Task<SlackEventAck> HandleAsync(SlackEventDelivery delivery, JsonElement payload, CancellationToken cancellationToken);
}

/// <summary>The envelope's facts about one delivery: the workspace it is for, and its id (the same on Slack's retries).</summary>
public sealed record SlackEventDelivery(string TeamId, string? EventId);

public enum SlackEventAck
{
    /// <summary>Taken (or nothing to do): acknowledge.</summary>
    Done,
    /// <summary>Could not be stored now: do not acknowledge, so Slack delivers it again.</summary>
    RetryLater,
}
