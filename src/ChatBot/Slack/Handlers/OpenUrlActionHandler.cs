using ChatBot.Slack.Payloads;

namespace ChatBot.Slack.Handlers;

/// <summary>
/// A click on a URL button (the sign-in link): Slack opens the URL itself and still posts the click here, expecting a
/// 200 within 3 seconds or it shows a warning next to the button.
/// </summary>
public sealed class OpenUrlActionHandler : ISlackHandler<BlockActionsPayload>
{
    public Task<SlackAck> HandleAsync(BlockActionsPayload payload, CancellationToken cancellationToken) => Task.FromResult(SlackAck.Empty);
}
