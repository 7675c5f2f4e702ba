namespace ChatBot.Slack.WebApi;

/// <summary>
/// The bot token of an installation: the configured <c>Slack:BotToken</c> for one workspace
/// (<see cref="ConfiguredSlackToken"/>), or the installation store in "Add to Slack" mode (refreshed before expiry when
/// Slack rotates tokens). A seam because the two modes really differ, and tests exercise both.
/// </summary>
public interface ISlackTokenSource
{
    /// <summary>The token to call Slack with for <paramref name="workspace"/>; null when it is not installed (no call may be made).</summary>
    ValueTask<string?> BotTokenAsync(SlackWorkspace workspace, CancellationToken cancellationToken);
}
