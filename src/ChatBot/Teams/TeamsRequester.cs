using ChatBot.Linking;
using ChatBot.Teams.Activities;
using ChatBot.Tickets;

namespace ChatBot.Teams;

/// <summary>
/// The chat identity behind a Teams activity: the tenant from Teams' <c>channelData</c> and the user's AAD object id
/// (stable across chats, unlike the <c>29:</c> id). Teams gives no email without Graph, so none is claimed.
/// </summary>
public static class TeamsRequester
{
    public const string DefaultLocale = "en-US";

    /// <summary>
    /// The requester, or null when Teams did not say who it is (no <c>aadObjectId</c>, e.g. an anonymous meeting
    /// guest, or no tenant): the <c>29:</c> id is per conversation and never stands for an account.
    /// </summary>
    public static Requester? From(TeamsActivity activity) =>
        activity.From?.AadObjectId is { } user && !string.IsNullOrWhiteSpace(user) && !string.IsNullOrWhiteSpace(activity.TenantId)
            ? new Requester(
                ChatPlatforms.Teams,
                activity.TenantId,
                user,
                activity.From.Name ?? "",
                null,
                string.IsNullOrWhiteSpace(activity.Locale) ? DefaultLocale : activity.Locale)
            : null;
}
