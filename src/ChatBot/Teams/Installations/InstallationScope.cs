using ChatBot.Teams.Activities;

namespace ChatBot.Teams.Installations;

/// <summary>
/// A place the app is installed, as Teams installs it: a team as a whole (every channel of it), a group chat, or one
/// person's personal scope. A channel thread (<c>19:…;messageid=…</c>) belongs to its team; without the team's id it
/// stands for its channel.
/// </summary>
public sealed record InstallationScope(string TenantId, string Key)
{
    public static InstallationScope? Of(TeamsActivity activity) =>
        Of(activity.TenantId, activity.IsChannel ? activity.ChannelData?.Team?.Id : null, activity.Conversation?.Id);

    public static InstallationScope? Of(TeamsReplyTo target) => Of(target.TenantId, target.TeamId, target.ConversationId);

    /// <summary>A chat by its conversation id (the 1:1 chat the connector answers <c>POST /v3/conversations</c> with).</summary>
    public static InstallationScope? OfChat(string tenantId, string conversationId) => Of(tenantId, null, conversationId);

    private static InstallationScope? Of(string tenantId, string? teamId, string? conversationId)
    {
        if (string.IsNullOrEmpty(tenantId))
        {
            return null;
        }

        if (!string.IsNullOrEmpty(teamId))
        {
            return new InstallationScope(tenantId, "team:" + teamId);
        }

        if (string.IsNullOrEmpty(conversationId))
        {
            return null;
        }

        var thread = conversationId.IndexOf(";messageid=", StringComparison.Ordinal);
        return new InstallationScope(tenantId, "chat:" + (thread < 0 ? conversationId : conversationId[..thread]));
    }
}
