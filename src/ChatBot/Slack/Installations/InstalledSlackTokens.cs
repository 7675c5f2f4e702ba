using System.Collections.Concurrent;
using ChatBot.Slack.WebApi;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Installations;

/// <summary>
/// "Add to Slack" mode: each installation's token from the store. With token rotation, a token that expires within
/// <see cref="SlackOptions.TokenRefreshBefore"/> is refreshed first (lazily, as Bolt does): one caller per process at
/// a time (a semaphore per installation) and one instance at a time (the store's lease). Whoever does not refresh
/// keeps using the current token while it is still valid, and waits for the new one only once it has expired.
/// </summary>
public sealed partial class InstalledSlackTokens(
    SlackInstallationStore store, SlackOAuthClient oauth, IOptionsMonitor<SlackOptions> options, TimeProvider time, ILogger<InstalledSlackTokens> logger)
    : ISlackTokenSource
{
    /// <summary>Longer than one oauth.v2.access call may take (its client times out sooner), so a lease outlives its refresh.</summary>
    public static readonly TimeSpan RefreshLease = TimeSpan.FromSeconds(30);

    /// <summary>How long a caller with an expired token waits for another instance's refresh before giving up for now.</summary>
    public static readonly TimeSpan WaitForOtherRefresh = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> refreshing = new(StringComparer.Ordinal);
    private readonly string owner = Environment.MachineName + "/" + Guid.NewGuid().ToString("n");

    public async ValueTask<string?> BotTokenAsync(SlackWorkspace workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var token = await store.FindTokenAsync(workspace.InstallationId, cancellationToken);
        return token is null ? null : IsDue(token) ? await RefreshAsync(workspace.InstallationId, cancellationToken) : token.BotToken;
    }

    private bool IsDue(SlackBotToken token) =>
        token is { RefreshToken: not null, ExpiresAt: { } expires } && expires - time.GetUtcNow() <= options.CurrentValue.TokenRefreshBefore;

    private bool IsExpired(SlackBotToken token) => token.ExpiresAt is { } expires && expires <= time.GetUtcNow();

    private async Task<string?> RefreshAsync(string installationId, CancellationToken ct)
    {
        var gate = refreshing.GetOrAdd(installationId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var deadline = time.GetUtcNow() + WaitForOtherRefresh;
            while (true)
            {
                // Read again under the gate: the caller before us in this process may have refreshed it already.
                var current = await store.FindTokenAsync(installationId, ct);
                if (current is null || !IsDue(current))
                {
                    return current?.BotToken;
                }

                if (await store.TryLeaseRefreshAsync(installationId, owner, current.ExpiresAt!.Value, RefreshLease, ct))
                {
                    return await RefreshLeasedAsync(installationId, current, ct);
                }

                // Another instance is refreshing it.
                if (!IsExpired(current))
                {
                    return current.BotToken;
                }

                if (time.GetUtcNow() > deadline)
                {
                    throw new SlackTokenUnavailableException("the token expired and its refresh by another instance did not finish in time");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), time, ct);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<string?> RefreshLeasedAsync(string installationId, SlackBotToken current, CancellationToken ct)
    {
        OAuthOutcome outcome;
        try
        {
            outcome = await oauth.RefreshAsync(current.RefreshToken!, ct);
        }
        catch
        {
            await store.ReleaseLeaseAsync(installationId, owner, CancellationToken.None);
            throw;
        }

        if (outcome is { IsOk: true, Answer: { AccessToken: { } access } answer })
        {
            var expires = answer.ExpiresIn is { } seconds ? time.GetUtcNow().AddSeconds(seconds) : (DateTimeOffset?)null;
            var refreshed = new SlackBotToken(access, answer.RefreshToken ?? current.RefreshToken, expires);
            if (await store.SaveRefreshedAsync(installationId, owner, refreshed, ct))
            {
                LogRefreshed(installationId, expires);
                return access;
            }

            // Revoked while we refreshed: the new token must not be used either.
            return null;
        }

        await store.ReleaseLeaseAsync(installationId, owner, CancellationToken.None);
        if (outcome.Unavailable)
        {
            LogRefreshDelayed(installationId, outcome.Error ?? "");
            return IsExpired(current) ? throw new SlackTokenUnavailableException("the token expired and Slack's token endpoint did not answer") : current.BotToken;
        }

        // invalid_refresh_token and the like: no later try can work; the workspace must install the app again.
        LogRefreshRefused(installationId, outcome.Error ?? "");
        return IsExpired(current) ? null : current.BotToken;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack installation {InstallationId}: token refreshed, valid until {ExpiresAt}")]
    private partial void LogRefreshed(string installationId, DateTimeOffset? expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack installation {InstallationId}: token refresh failed ({Reason}); trying again at the next call")]
    private partial void LogRefreshDelayed(string installationId, string reason);

    // Warning, not Error: it is Slack's answer, handled (the workspace gets no token until it installs again), and the
    // operator sees the installation without a token in `slack installations list`.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack installation {InstallationId}: Slack refused the token refresh ({Error}); the workspace must install the app again")]
    private partial void LogRefreshRefused(string installationId, string error);
}
