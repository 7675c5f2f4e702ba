using ChatBot.Slack.Options;
using ChatBot.Slack.Payloads;
using ChatBot.Slack.WebApi;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Installations;

/// <summary>
/// In "Add to Slack" mode, a payload from a workspace that is not installed (never, or not any more) is not handled,
/// whichever transport carried it: it could be answered only with a token the bot does not have. HTTP answers 401,
/// Socket Mode an empty ack (a socket has no status code). With one configured token every workspace passes. Uninstall
/// events always pass: Slack retries them, and a second one finds the tokens already gone.
/// </summary>
public sealed partial class InstallationGate(
    ISlackTokenSource tokens, SlackEnterpriseTeams enterpriseTeams, IOptionsMonitor<SlackOptions> options, IMemoryCache reported, ILogger<InstallationGate> logger)
{
    /// <summary>A workspace refused again within this is logged at Debug: one line says it, a busy one does not flood the log.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromMinutes(10);

    /// <summary>The installation a payload belongs to; null for one that names none (an event without a team).</summary>
    public static SlackWorkspace? WorkspaceOf(object? payload) => payload switch
    {
        SlashCommand p => p.Workspace,
        MessageActionPayload p => p.Workspace,
        ViewSubmissionPayload p => p.Workspace,
        BlockActionsPayload p => p.Workspace,
        BlockSuggestionPayload p => p.Workspace,
        EventEnvelope p => p.Workspace,
        _ => null,
    };

    /// <summary>Whether <paramref name="payload"/> (a command, an interaction or an event envelope) may be handled.</summary>
    public async Task<bool> AdmitsAsync(object payload, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.IsMultiWorkspace
            || payload is EventEnvelope { EventType: UninstallHandler.Uninstalled or UninstallHandler.TokensRevoked })
        {
            return true;
        }

        if (WorkspaceOf(payload) is not { } workspace)
        {
            // Only an event can name no team, and with no team there is no token to answer it with.
            return payload is not EventEnvelope { Type: "event_callback" } || Refuse(new SlackWorkspace("-", "-"));
        }

        try
        {
            if (await tokens.BotTokenAsync(workspace, cancellationToken) is not null)
            {
                // Slack vouches for the team and its organization here: what a later team-only call needs (sign-in).
                await enterpriseTeams.RememberAsync(workspace, cancellationToken);
                return true;
            }
        }
        catch (SlackTokenUnavailableException)
        {
            // Installed, its token only late: the handler's own calls report that to the user.
            return true;
        }

        return Refuse(workspace);
    }

    private bool Refuse(SlackWorkspace workspace)
    {
        var key = (nameof(InstallationGate), workspace.InstallationId);
        if (reported.TryGetValue(key, out _))
        {
            LogNotInstalledAgain(workspace.InstallationId, workspace.TeamId);
        }
        else
        {
            reported.Set(key, true, ReportEvery);
            LogNotInstalled(workspace.InstallationId, workspace.TeamId);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request from installation {InstallationId} (team {TeamId}) not handled: the app is not installed there (HTTP answers 401, Socket Mode an empty ack); more from it in the next 10 minutes are logged at Debug")]
    private partial void LogNotInstalled(string installationId, string teamId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack request from installation {InstallationId} (team {TeamId}) not handled: not installed")]
    private partial void LogNotInstalledAgain(string installationId, string teamId);
}
