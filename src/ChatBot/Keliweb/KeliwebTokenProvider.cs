using System.Collections.Concurrent;
using ChatBot.Alerts;
using Microsoft.Extensions.Options;

namespace ChatBot.Keliweb;

/// <summary>
/// Access tokens per Keliweb account (design section 2): cached until shortly before they expire, renewed with the
/// stored refresh token (which Keliweb rotates on every use), one renewal at a time per account.
/// </summary>
public sealed class KeliwebTokenProvider(
    IHttpClientFactory httpClientFactory,
    IKeliwebTokenStore store,
    IOptions<KeliwebOptions> options,
    TimeProvider time,
    ILogger<KeliwebTokenProvider> logger,
    OperatorAlerts? alerts = null,
    KeliwebMetrics? metrics = null)
{
    /// <summary>The named client for <c>oauth/token</c> (no redirects, no automatic retries).</summary>
    public const string HttpClientName = "Keliweb.OAuth";

    private readonly ConcurrentDictionary<string, KeliwebAccountTokens> accounts = new(StringComparer.Ordinal);
    private readonly KeliwebTokenEndpoint endpoint = new(httpClientFactory, options, time);

    /// <summary>
    /// A valid access token, or why there is none. Every failure here happens before the API call is sent, so it is
    /// <see cref="KeliwebResult{T}.NotSent"/>, <see cref="KeliwebResult{T}.NeedsLogin"/> (no login stored, or the
    /// refresh token refused: the account is then marked in the store) or <see cref="KeliwebResult{T}.ApiError"/>
    /// (API keys refused or missing). The default account with no stored login logs in with Keliweb:Username/Password.
    /// </summary>
    public async Task<KeliwebResult<KeliwebAccessToken>> GetAccessTokenAsync(string accountId, CancellationToken cancellationToken)
    {
        var account = accounts.GetOrAdd(accountId, _ => new KeliwebAccountTokens());
        if (account.ValidAt(time.GetUtcNow()) is { } cached)
        {
            return new KeliwebResult<KeliwebAccessToken>.Success(cached);
        }

        // Concurrent callers queue here; the first renews, the others find its token on the re-check (no stampede).
        await account.Gate.WaitAsync(cancellationToken);
        try
        {
            if (account.ValidAt(time.GetUtcNow()) is { } renewed)
            {
                return new KeliwebResult<KeliwebAccessToken>.Success(renewed);
            }

            return await RenewAsync(accountId, account, cancellationToken);
        }
        finally
        {
            account.Gate.Release();
        }
    }

    /// <summary>
    /// Renews the account's tokens now, cached or not: refresh tokens live 10 days, so an account nobody used for a
    /// while must still be refreshed before then (<see cref="KeliwebAccountKeeper"/>).
    /// </summary>
    public async Task<KeliwebResult<KeliwebAccessToken>> RenewNowAsync(string accountId, CancellationToken cancellationToken)
    {
        var account = accounts.GetOrAdd(accountId, _ => new KeliwebAccountTokens());
        await account.Gate.WaitAsync(cancellationToken);
        try
        {
            return await RenewAsync(accountId, account, cancellationToken);
        }
        finally
        {
            account.Gate.Release();
        }
    }

    /// <summary>Forgets an access token the API answered 401 to, unless a newer one already replaced it.</summary>
    public void Invalidate(string accountId, KeliwebAccessToken rejected)
    {
        if (accounts.TryGetValue(accountId, out var account))
        {
            account.Forget(rejected);
        }
    }

    /// <summary>
    /// The operator's <c>accounts add --email X</c>: a password grant for this account. Only the refresh token is
    /// stored; the password is used once and not kept. A refused password is <see cref="KeliwebResult{T}.NeedsLogin"/>
    /// (refused API keys are <see cref="KeliwebResult{T}.ApiError"/>) and leaves any earlier login of the account untouched.
    /// </summary>
    public async Task<KeliwebResult<KeliwebAccountLogin>> LoginAsync(string accountId, string email, string password, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrEmpty(password);
        var account = accounts.GetOrAdd(accountId, _ => new KeliwebAccountTokens());
        await account.Gate.WaitAsync(cancellationToken);
        try
        {
            var grant = await GrantAsync(
                accountId, account, KeliwebTokenEndpoint.PasswordGrant(email, password), email, markNeedsLoginWhenRefused: false, cancellationToken);
            return grant is KeliwebResult<KeliwebAccessToken>.Success
                ? new KeliwebResult<KeliwebAccountLogin>.Success(new KeliwebAccountLogin(accountId, email))
                : grant.AsFailureOf<KeliwebAccountLogin>();
        }
        finally
        {
            account.Gate.Release();
        }
    }

    private async Task<KeliwebResult<KeliwebAccessToken>> RenewAsync(string accountId, KeliwebAccountTokens account, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var refreshToken = await store.GetRefreshTokenAsync(accountId, cancellationToken);
        if (refreshToken is not null)
        {
            // The store keeps the email it was given at login; an empty one means "unchanged" (see IKeliwebTokenStore).
            var email = account.Email ?? (accountId == KeliwebOptions.DefaultAccountId ? settings.Username : null) ?? string.Empty;
            return await GrantAsync(
                accountId, account, KeliwebTokenEndpoint.RefreshGrant(refreshToken), email, markNeedsLoginWhenRefused: true, cancellationToken);
        }

        if (accountId == KeliwebOptions.DefaultAccountId && settings.HasDefaultAccount)
        {
            return await GrantAsync(
                accountId, account, KeliwebTokenEndpoint.PasswordGrant(settings.Username!, settings.Password!), settings.Username!,
                markNeedsLoginWhenRefused: true, cancellationToken);
        }

        return new KeliwebResult<KeliwebAccessToken>.NeedsLogin(accountId, "No Keliweb login is stored for this account.");
    }

    private async Task<KeliwebResult<KeliwebAccessToken>> GrantAsync(
        string accountId,
        KeliwebAccountTokens account,
        KeyValuePair<string, string>[] grant,
        string email,
        bool markNeedsLoginWhenRefused,
        CancellationToken cancellationToken)
    {
        var grantType = grant[0].Value;
        switch (await endpoint.RequestAsync(grant, cancellationToken))
        {
            case TokenGrantAnswer.Granted { Token: var answer }:
                metrics?.Grant(grantType, "granted");
                // Keliweb has already retired the old refresh token: persist the new one before the access token is used.
                if (!string.IsNullOrEmpty(answer.RefreshToken))
                {
                    await store.SaveRefreshTokenAsync(accountId, email, answer.RefreshToken, cancellationToken);
                }

                if (email.Length > 0)
                {
                    account.Email = email;
                }

                var token = new KeliwebAccessToken(answer.AccessToken);
                // Renew a little early (10% of the lifetime, at most a minute) so a token does not expire on the way.
                var margin = TimeSpan.FromSeconds(Math.Min(60, answer.ExpiresIn / 10.0));
                account.Remember(token, time.GetUtcNow() + TimeSpan.FromSeconds(answer.ExpiresIn) - margin);
                KeliwebLog.TokenObtained(logger, accountId, grantType, answer.ExpiresIn);
                return new KeliwebResult<KeliwebAccessToken>.Success(token);

            case TokenGrantAnswer.Refused { Error: var error }:
                metrics?.Grant(grantType, "refused");
                if (!markNeedsLoginWhenRefused)
                {
                    // An operator's or a user's login attempt: nothing stored changes, so nothing "needs a new login" yet. Still
                    // NeedsLogin: distinct from API keys refused (ApiError), which no password will cure.
                    KeliwebLog.LoginRefused(logger, accountId, grantType, error);
                    return new KeliwebResult<KeliwebAccessToken>.NeedsLogin(
                        accountId, error == "invalid_grant" ? "wrong email or password (invalid_grant)" : $"Keliweb answered {error}");
                }

                KeliwebLog.GrantRefused(logger, accountId, grantType, error);

                var reason = $"Keliweb refused the {grantType} grant ({error}).";
                await store.MarkNeedsLoginAsync(accountId, reason, cancellationToken);
                alerts?.AccountNeedsSignIn(accountId, reason);
                return new KeliwebResult<KeliwebAccessToken>.NeedsLogin(accountId, reason);

            case TokenGrantAnswer.Misconfigured { Message: var message }:
                metrics?.Grant(grantType, "misconfigured");
                KeliwebLog.TokenRequestFailed(logger, accountId, message);
                return new KeliwebResult<KeliwebAccessToken>.ApiError(message);

            case TokenGrantAnswer.Failed failed:
                metrics?.Grant(grantType, "failed");
                KeliwebLog.TokenRequestFailed(logger, accountId, failed.Reason);
                // No API call is made without a token, so the call it was for is surely not sent.
                return new KeliwebResult<KeliwebAccessToken>.NotSent($"Keliweb {failed.Reason}.", failed.RetryAfter);

            default:
                throw new InvalidOperationException("Unknown token grant answer.");
        }
    }
}
