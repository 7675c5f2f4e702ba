using ChatBot.Teams.Activities;
using ChatBot.Teams.Handlers;

namespace ChatBot.Teams.Installations;

/// <summary>
/// <c>installationUpdate</c>: <c>remove</c> (and <c>remove-upgrade</c>) stops every post to that installation, and a
/// welcome still due there is dropped; <c>add</c> (and <c>add-upgrade</c>) allows posting again. The welcome itself
/// follows the <c>conversationUpdate</c> Teams sends with an installation.
/// </summary>
public sealed partial class InstallationUpdateHandler(TeamsInstallationStore store, ILogger<InstallationUpdateHandler> logger) : ITeamsActivityHandler
{
    public string ActivityType => ActivityTypes.InstallationUpdate;

    public async Task HandleAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        if (InstallationScope.Of(activity) is not { } scope)
        {
            return;
        }

        switch (activity.Action)
        {
            case "remove" or "remove-upgrade":
                var dropped = await store.RemovedAsync(scope, WelcomeCard.TargetOf(activity), cancellationToken);
                InstallationLog.Removed(logger, scope.TenantId, scope.Key, dropped);
                break;
            case "add" or "add-upgrade":
                await store.InstalledAsync(scope, cancellationToken);
                LogInstalled(logger, scope.TenantId, scope.Key);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams app installed in tenant {TenantId} ({Scope})")]
    private static partial void LogInstalled(ILogger logger, string tenantId, string scope);
}
