using ChatBot.Teams.Activities;
using ChatBot.Teams.Handlers;

namespace ChatBot.Teams.Installations;

/// <summary>
/// <c>conversationUpdate</c>: when the bot itself is among <c>membersAdded</c> (added to a team, a group chat or a
/// personal scope), a welcome becomes due for that installation, once; when it is among <c>membersRemoved</c>, the
/// installation is marked removed. Other members joining or leaving, and channel events, change nothing.
/// </summary>
public sealed partial class ConversationUpdateHandler(
    TeamsInstallationStore store, WelcomeSignal signal, ILogger<ConversationUpdateHandler> logger) : ITeamsActivityHandler
{
    public string ActivityType => ActivityTypes.ConversationUpdate;

    public async Task HandleAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        if (activity.Recipient?.Id is not { Length: > 0 } botId || InstallationScope.Of(activity) is not { } scope)
        {
            return;
        }

        if (Names(activity.MembersAdded, botId))
        {
            if (await store.AddedAsync(scope, WelcomeCard.TargetOf(activity), cancellationToken))
            {
                LogWelcomeDue(logger, scope.TenantId, scope.Key);
                signal.Notify();
            }
        }
        else if (Names(activity.MembersRemoved, botId))
        {
            var dropped = await store.RemovedAsync(scope, WelcomeCard.TargetOf(activity), cancellationToken);
            InstallationLog.Removed(logger, scope.TenantId, scope.Key, dropped);
        }
    }

    private static bool Names(IReadOnlyList<ChannelAccount?>? members, string botId) =>
        members?.Any(m => string.Equals(m?.Id, botId, StringComparison.Ordinal)) == true;

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams app added in tenant {TenantId} ({Scope}): a welcome is due")]
    private static partial void LogWelcomeDue(ILogger logger, string tenantId, string scope);
}
