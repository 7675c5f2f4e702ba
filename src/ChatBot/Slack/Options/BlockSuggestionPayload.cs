using ChatBot.Slack.Payloads;
using ChatBot.Slack.WebApi;

namespace ChatBot.Slack.Options;

/// <summary>
/// <c>block_suggestion</c>: an external select asking for options as the user types
/// (https://api.slack.com/reference/interaction-payloads/block-suggestion). Only the fields the bot reads; who asks is
/// the team and user Slack signed for, never anything in the view.
/// </summary>
public sealed record BlockSuggestionPayload(
    string Type,
    SlackUserRef User,
    string ActionId,
    string? BlockId = null,
    string? Value = null,
    SlackTeam? Team = null,
    SlackEnterprise? Enterprise = null,
    bool IsEnterpriseInstall = false)
{
    public string TeamId => Team?.Id ?? User.TeamId ?? Enterprise?.Id ?? "";

    public SlackWorkspace Workspace => SlackWorkspace.FromPayload(TeamId, Enterprise?.Id, IsEnterpriseInstall);
}
