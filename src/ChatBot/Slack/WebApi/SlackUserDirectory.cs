using ChatBot.Linking;
using ChatBot.Tickets;
using Microsoft.Extensions.Caching.Memory;

namespace ChatBot.Slack.WebApi;

/// <summary>
/// users.info with the locale and the verified email, cached in memory: every command and submission needs the
/// requester, and users.info must not eat the 3-second budget twice.
/// </summary>
public sealed class SlackUserDirectory(SlackApiClient api, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(30);

    /// <summary>A failed lookup is remembered briefly: users.info is rate limited, and every request would ask again.</summary>
    private static readonly TimeSpan RememberFailureFor = TimeSpan.FromSeconds(30);

    public async Task<SlackUser?> FindAsync(SlackWorkspace workspace, string userId, CancellationToken ct)
    {
        var key = CacheKey(workspace, userId);
        if (cache.TryGetValue(key, out SlackUser? user))
        {
            return user;
        }

        return await RefreshAsync(workspace, userId, ct);
    }

    /// <summary>users.info now, whatever is cached: for decisions that grant something (is this person a workspace admin?).</summary>
    public async Task<SlackUser?> RefreshAsync(SlackWorkspace workspace, string userId, CancellationToken ct)
    {
        var key = CacheKey(workspace, userId);
        var result = await api.GetUserAsync(workspace, userId, ct);
        if (!result.IsOk || result.Value?.User is null)
        {
            cache.Set<SlackUser?>(key, null, RememberFailureFor);
            return null;
        }

        cache.Set(key, result.Value.User, CacheFor);
        return result.Value.User;
    }

    /// <summary>
    /// The requester for a team and user. When Slack does not answer within <paramref name="budget"/> the requester
    /// still comes back (English, no email), because the caller is inside Slack's 3-second window.
    /// </summary>
    /// <param name="workspaceName">The team's domain when the payload carried it (shown on the sign-in page).</param>
    public async Task<Requester> RequesterAsync(SlackWorkspace workspace, string userId, TimeSpan budget, CancellationToken ct, string? workspaceName = null)
    {
        SlackUser? user;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            timeout.CancelAfter(budget);
            try
            {
                user = await FindAsync(workspace, userId, timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                user = null;
            }
        }

        var name = FirstNonEmpty(user?.Profile?.DisplayName, user?.Profile?.RealName, user?.RealName, user?.Name) ?? userId;
        // An unverified address must not pick a Keliweb contact or a guest identity.
        var email = user?.IsEmailConfirmed == false ? null : user?.Profile?.Email;
        return new Requester(ChatPlatforms.Slack, workspace.TeamId, userId, name, email, user?.Locale ?? "en-US", string.IsNullOrWhiteSpace(workspaceName) ? null : workspaceName)
        {
            Installation = workspace.InstallationId,
        };
    }

    /// <summary>A display name for a mention; the id itself when Slack does not know the user.</summary>
    public async Task<string> DisplayNameAsync(SlackWorkspace workspace, string userId, CancellationToken ct)
    {
        var user = await FindAsync(workspace, userId, ct);
        return FirstNonEmpty(user?.Profile?.DisplayName, user?.Profile?.RealName, user?.RealName, user?.Name) ?? userId;
    }

    // Per installation: one user id, two workspaces' answers (and tokens) must not mix.
    private static string CacheKey(SlackWorkspace workspace, string userId) => $"slack:user:{workspace.InstallationId}:{userId}";

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
