using ChatBot.Slack.WebApi;
using ChatBot.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Installations;

/// <summary>
/// Which organization's org-wide installation serves a workspace, for the calls where only the team is known (the
/// sign-in page's admin check and its direct message, which start from a person's team and user id). Learned from the
/// signed payloads the gate admits (each names the team and, for an org-wide install, its enterprise), kept in
/// <c>slack_enterprise_teams</c> so another instance or a restart still knows. A team with an installation of its own
/// uses that one.
/// </summary>
public sealed partial class SlackEnterpriseTeams(
    Database database, SlackInstallationStore store, IOptionsMonitor<SlackOptions> options, IMemoryCache cache, TimeProvider time, ILogger<SlackEnterpriseTeams> logger)
{
    /// <summary>A team seen again within this is not written again: one write per team and hour, not one per request.</summary>
    public static readonly TimeSpan RememberEvery = TimeSpan.FromHours(1);

    /// <summary>Records that <paramref name="workspace"/>'s team is served by its organization's install (nothing for a team's own install).</summary>
    public async Task RememberAsync(SlackWorkspace workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (workspace.InstallationId == workspace.TeamId || workspace.TeamId.Length == 0
            || (cache.TryGetValue((nameof(SlackEnterpriseTeams), workspace.TeamId), out string? known) && known == workspace.InstallationId))
        {
            return;
        }

        try
        {
            // Inside the request Slack waits for: it goes first among SQLite's writers.
            await using var session = await database.OpenForWriteAsync(cancellationToken, interactive: true);
            await session.Connection.ExecuteAsync(
                new SqlStatement(
                    """
                    INSERT INTO slack_enterprise_teams (team_id, enterprise_id, seen_at) VALUES (@team, @enterprise, @now)
                    ON CONFLICT (team_id) DO UPDATE SET enterprise_id = excluded.enterprise_id, seen_at = excluded.seen_at
                    """).With("team", workspace.TeamId).With("enterprise", workspace.InstallationId).With("now", time.GetUtcNow().ToUnixTimeMilliseconds()),
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only the sign-in page needs it, later: the request itself goes on, and the next one tries again.
            LogNotRemembered(logger, workspace.TeamId, workspace.InstallationId, ex);
            return;
        }

        cache.Set((nameof(SlackEnterpriseTeams), workspace.TeamId), workspace.InstallationId, RememberEvery);
    }

    /// <summary>The installation to call Slack with for a person of <paramref name="teamId"/>: the team's own, else its organization's.</summary>
    public async Task<SlackWorkspace> WorkspaceOfTeamAsync(string teamId, CancellationToken cancellationToken)
    {
        var own = SlackWorkspace.OfTeam(teamId);
        if (!options.CurrentValue.IsMultiWorkspace || teamId.Length == 0 || await store.FindTokenAsync(teamId, cancellationToken) is not null)
        {
            return own;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var enterprise = await connection.QueryAsync(
            new SqlStatement("SELECT enterprise_id FROM slack_enterprise_teams WHERE team_id = @team").With("team", teamId), r => r.GetString(0), cancellationToken);
        return enterprise is [var id] ? new SlackWorkspace(id, teamId) : own;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack team {TeamId} of organization {EnterpriseId}: could not be remembered; the sign-in page may not reach it until its next request")]
    private static partial void LogNotRemembered(ILogger logger, string teamId, string enterpriseId, Exception exception);
}
