using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
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
    ILogger<KeliwebTokenProvider> logger)
{
    /// <summary>The named client for <c>oauth/token</c> (no redirects, no automatic retries).</summary>
    public const string HttpClientName = "Keliweb.OAuth";

    private readonly ConcurrentDictionary<string, AccountTokens> accounts = new(StringComparer.Ordinal);

    /// <summary>
    /// A valid access token, or why there is none. Every failure here happens before the API call is sent, so it is
    /// <see cref="KeliwebResult{T}.NotSent"/>, <see cref="KeliwebResult{T}.NeedsLogin"/> (refresh token refused, the
    /// account is marked in the store) or <see cref="KeliwebResult{T}.ApiError"/> (API keys refused or missing).
    /// </summary>
    public async Task<KeliwebResult<KeliwebAccessToken>> GetAccessTokenAsync(string accountId, CancellationToken cancellationToken)
    {
        var account = accounts.GetOrAdd(accountId, _ => new AccountTokens());
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
    /// stored; the password is used once and not kept. A refused password is an <see cref="KeliwebResult{T}.ApiError"/>
    /// and leaves any earlier login of the account untouched.
    /// </summary>
    public async Task<KeliwebResult<KeliwebAccountLogin>> LoginAsync(string accountId, string email, string password, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrEmpty(password);
        var account = accounts.GetOrAdd(accountId, _ => new AccountTokens());
        await account.Gate.WaitAsync(cancellationToken);
        try
        {
            var grant = await GrantAsync(accountId, account, PasswordGrant(email, password), email, markNeedsLoginWhenRefused: false, cancellationToken);
            return grant is KeliwebResult<KeliwebAccessToken>.Success
                ? new KeliwebResult<KeliwebAccountLogin>.Success(new KeliwebAccountLogin(accountId, email))
                : grant.AsFailureOf<KeliwebAccountLogin>();
        }
        finally
        {
            account.Gate.Release();
        }
    }

    private async Task<KeliwebResult<KeliwebAccessToken>> RenewAsync(string accountId, AccountTokens account, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var refreshToken = await store.GetRefreshTokenAsync(accountId, cancellationToken);
        if (refreshToken is not null)
        {
            // The store keeps the email it was given at login; an empty one means "unchanged" (see IKeliwebTokenStore).
            var email = account.Email ?? (accountId == KeliwebOptions.DefaultAccountId ? settings.Username : null) ?? string.Empty;
            return await GrantAsync(accountId, account, RefreshGrant(refreshToken), email, markNeedsLoginWhenRefused: true, cancellationToken);
        }

        if (accountId == KeliwebOptions.DefaultAccountId && settings.HasDefaultAccount)
        {
            return await GrantAsync(
                accountId, account, PasswordGrant(settings.Username!, settings.Password!), settings.Username!, markNeedsLoginWhenRefused: true, cancellationToken);
        }

        return new KeliwebResult<KeliwebAccessToken>.NeedsLogin(accountId, "No Keliweb login is stored for this account.");
    }

    private async Task<KeliwebResult<KeliwebAccessToken>> GrantAsync(
        string accountId, AccountTokens account, KeyValuePair<string, string>[] grant, string email, bool markNeedsLoginWhenRefused, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var grantType = grant[0].Value;
        if (!settings.HasApiKeys)
        {
            return new KeliwebResult<KeliwebAccessToken>.ApiError("Keliweb:ClientId and Keliweb:ClientSecret are not configured.");
        }

        KeyValuePair<string, string>[] form = [new("client_id", settings.ClientId!), new("client_secret", settings.ClientSecret!), .. grant];
        var http = httpClientFactory.CreateClient(HttpClientName);
        try
        {
            using var content = new FormUrlEncodedContent(form);
            using var response = await http.PostAsync(new Uri(settings.BaseUrl, "oauth/token"), content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return await AcceptAsync(accountId, account, grantType, email, body, cancellationToken);
            }

            return await RefusedAsync(accountId, grantType, response, body, markNeedsLoginWhenRefused, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            return TokenRequestFailed(accountId, $"token endpoint unreachable ({exception.HttpRequestError})", retryAfter: null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TokenRequestFailed(accountId, "token request timed out", retryAfter: null);
        }
    }

    private async Task<KeliwebResult<KeliwebAccessToken>> AcceptAsync(
        string accountId, AccountTokens account, string grantType, string email, string body, CancellationToken cancellationToken)
    {
        KeliwebTokenResponse? answer;
        try
        {
            answer = JsonSerializer.Deserialize(body, KeliwebJsonContext.Default.KeliwebTokenResponse);
        }
        catch (JsonException)
        {
            answer = null;
        }

        if (string.IsNullOrEmpty(answer?.AccessToken) || answer.ExpiresIn <= 0)
        {
            return TokenRequestFailed(accountId, "token endpoint answered without a usable access token", retryAfter: null);
        }

        // Keliweb has already retired the old refresh token: persist the new one before anything else can fail.
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
    }

    private async Task<KeliwebResult<KeliwebAccessToken>> RefusedAsync(
        string accountId, string grantType, HttpResponseMessage response, string body, bool markNeedsLoginWhenRefused, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
        {
            return TokenRequestFailed(accountId, $"token endpoint answered {(int)status}", KeliwebResponse.RetryAfter(response, time));
        }

        if (status is not (HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized))
        {
            return TokenRequestFailed(accountId, $"token endpoint answered {(int)status}", retryAfter: null);
        }

        var error = ReadOAuthError(body);
        if (error is "invalid_client" or "invalid_request" or "unsupported_grant_type")
        {
            return new KeliwebResult<KeliwebAccessToken>.ApiError(
                $"Keliweb refused the token request ({error}); check Keliweb:ClientId and Keliweb:ClientSecret.");
        }

        KeliwebLog.GrantRefused(logger, accountId, grantType, error);
        if (!markNeedsLoginWhenRefused)
        {
            return new KeliwebResult<KeliwebAccessToken>.ApiError($"Keliweb refused the login ({error}).");
        }

        var reason = $"Keliweb refused the {grantType} grant ({error}).";
        await store.MarkNeedsLoginAsync(accountId, reason, cancellationToken);
        return new KeliwebResult<KeliwebAccessToken>.NeedsLogin(accountId, reason);
    }

    private KeliwebResult<KeliwebAccessToken> TokenRequestFailed(string accountId, string reason, TimeSpan? retryAfter)
    {
        KeliwebLog.TokenRequestFailed(logger, accountId, reason);
        // No API call was made without a token, so this is always safe to retry later.
        return new KeliwebResult<KeliwebAccessToken>.NotSent($"Keliweb {reason}.", retryAfter);
    }

    private static string ReadOAuthError(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, KeliwebJsonContext.Default.KeliwebTokenError)?.Error ?? "invalid_grant";
        }
        catch (JsonException)
        {
            return "invalid_grant";
        }
    }

    private static KeyValuePair<string, string>[] PasswordGrant(string email, string password) =>
        [new("grant_type", "password"), new("username", email), new("password", password)];

    private static KeyValuePair<string, string>[] RefreshGrant(string refreshToken) =>
        [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)];

    private sealed class AccountTokens
    {
        private CachedToken? current;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public string? Email { get; set; }

        public KeliwebAccessToken? ValidAt(DateTimeOffset now) =>
            Volatile.Read(ref current) is { } cached && now < cached.RenewAt ? cached.Token : null;

        public void Remember(KeliwebAccessToken token, DateTimeOffset renewAt) => Volatile.Write(ref current, new CachedToken(token, renewAt));

        public void Forget(KeliwebAccessToken rejected)
        {
            var cached = Volatile.Read(ref current);
            if (cached is not null && cached.Token == rejected)
            {
                Interlocked.CompareExchange(ref current, null, cached);
            }
        }
    }

    private sealed record CachedToken(KeliwebAccessToken Token, DateTimeOffset RenewAt);
}
