using ChatBot.Linking;
using ChatBot.Teams.Activities;
using ChatBot.Tickets;

namespace ChatBot.Teams;

/// <summary>
/// The chat identity behind a Teams activity: the tenant and the user's AAD object id (stable across chats,
/// unlike the <c>29:</c> id). Teams gives no email without Graph, so none is claimed.
/// </summary>
public static class TeamsRequester
{
    public const string DefaultLocale = "en-US";

    public static Requester From(TeamsActivity activity) => new(
        ChatPlatforms.Teams,
        activity.TenantId,
        activity.From?.AadObjectId ?? activity.From?.Id ?? "",
        activity.From?.Name ?? "",
        null,
        string.IsNullOrWhiteSpace(activity.Locale) ? DefaultLocale : activity.Locale);
}
