using ChatBot.Tickets;

namespace ChatBot.Slack.WebApi;

/// <summary>
/// The Slack installation a request or a submission belongs to, whose token every Web API call and file download for
/// it carries. <see cref="InstallationId"/> is the enterprise id for an org-wide install (one token serves every
/// workspace of the organization) and the team id otherwise, as Bolt's installation store keys them.
/// </summary>
/// <param name="TeamId">The workspace the request came from (also for org installs).</param>
public sealed record SlackWorkspace(string InstallationId, string TeamId)
{
    /// <summary>What Slack vouches for in a signed payload: the team, and for an org install the enterprise.</summary>
    public static SlackWorkspace FromPayload(string teamId, string? enterpriseId, bool isEnterpriseInstall) =>
        new(isEnterpriseInstall && !string.IsNullOrEmpty(enterpriseId) ? enterpriseId : teamId, teamId);

    /// <summary>The installation a stored requester came through; rows from before installations were recorded name only the team.</summary>
    public static SlackWorkspace Of(Requester requester) => new(requester.Installation ?? requester.TenantId, requester.TenantId);

    /// <summary>Where only the team is known (a chat identity): an org-wide install is not found this way.</summary>
    public static SlackWorkspace OfTeam(string teamId) => new(teamId, teamId);
}
