using ChatBot.Slack.Payloads;
using ChatBot.Slack.WebApi;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Installations;

/// <summary>
/// In "Add to Slack" mode, a signed request from a workspace that is not installed (never, or not any more) gets 401:
/// it could be answered only with a token the bot does not have. With one configured token every workspace passes.
/// </summary>
public sealed partial class InstallationGate(ISlackTokenSource tokens, IOptionsMonitor<SlackOptions> options, ILogger<InstallationGate> logger)
{
    /// <summary>The workspace of an interaction or command payload; null for the kinds the bot ignores.</summary>
    public static SlackWorkspace? WorkspaceOf(object? payload) => payload switch
    {
        SlashCommand p => p.Workspace,
        MessageActionPayload p => p.Workspace,
        ViewSubmissionPayload p => p.Workspace,
        BlockActionsPayload p => p.Workspace,
        _ => null,
    };

    public async Task<bool> AdmitsAsync(object? payload, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.IsMultiWorkspace || WorkspaceOf(payload) is not { } workspace)
        {
            return true;
        }

        try
        {
            if (await tokens.BotTokenAsync(workspace, cancellationToken) is not null)
            {
                return true;
            }
        }
        catch (SlackTokenUnavailableException)
        {
            // Installed, its token only late: the handler's own calls report that to the user.
            return true;
        }

        LogNotInstalled(workspace.InstallationId, workspace.TeamId);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request from installation {InstallationId} (team {TeamId}) refused with 401: the app is not installed there")]
    private partial void LogNotInstalled(string installationId, string teamId);
}
