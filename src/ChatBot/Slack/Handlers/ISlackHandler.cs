namespace ChatBot.Slack.Handlers;

/// <summary>
/// One handler per user action, registered under its key (a command name, a callback id or an action id) for one
/// payload type. It returns the acknowledgement itself, so what Slack sees within 3 seconds is in one place.
/// </summary>
public interface ISlackHandler<in TPayload>
{
    Task<IResult> HandleAsync(TPayload payload, CancellationToken cancellationToken);
}
