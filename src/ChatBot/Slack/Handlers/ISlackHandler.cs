namespace ChatBot.Slack.Handlers;

/// <summary>
/// One handler per user action, registered under its key (a command name, a callback id, an action id or an event
/// type) for one payload type. It gets the payload verified and parsed by whichever transport carried it (HTTP or
/// Socket Mode) and returns the acknowledgement itself, so what Slack sees within 3 seconds is in one place.
/// </summary>
public interface ISlackHandler<in TPayload>
{
    Task<SlackAck> HandleAsync(TPayload payload, CancellationToken cancellationToken);
}
