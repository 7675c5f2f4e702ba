using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Teams.Authentication;

/// <summary>
/// Validates the Bot Connector's bearer token (design section 6): RS256 with a key from the configured JWKS,
/// <c>iss</c> <see cref="Issuer"/>, <c>aud</c> the app id, lifetime with 5 minutes of skew. The channel-specific
/// checks (endorsement, <c>serviceurl</c>) need the activity and happen in <see cref="ValidatedToken.Admits"/>.
/// </summary>
public sealed class BotFrameworkTokenValidator(BotFrameworkSigningKeys keys, IOptions<TeamsOptions> options, TimeProvider time)
{
    public const string Issuer = "https://api.botframework.com";

    internal static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How long a validated token is trusted without checking it again (bounded by its own expiry).</summary>
    internal static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    internal const int CacheCapacity = 10_000;

    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    // The Connector reuses one token for many requests (it lives an hour); signature checks dominate the cost of a request.
    private readonly ConcurrentDictionary<string, (ValidatedToken Token, DateTimeOffset Until)> validated = new(StringComparer.Ordinal);

    /// <summary>The validated token, or null for anything that is not a valid Connector token for this bot.</summary>
    public async Task<ValidatedToken?> ValidateAsync(string? authorization, CancellationToken cancellationToken)
    {
        var appId = options.Value.AppId;
        if (string.IsNullOrWhiteSpace(appId) || authorization is null
            || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var raw = authorization["Bearer ".Length..].Trim();
        if (validated.TryGetValue(raw, out var hit))
        {
            if (time.GetUtcNow() < hit.Until)
            {
                return hit.Token;
            }

            validated.TryRemove(raw, out _);
        }

        if (!handler.CanReadToken(raw))
        {
            return null;
        }

        string kid;
        try
        {
            kid = handler.ReadJsonWebToken(raw).Kid;
        }
        catch (ArgumentException)
        {
            return null;
        }

        if (string.IsNullOrEmpty(kid) || await keys.FindAsync(kid, cancellationToken) is not { } key)
        {
            return null;
        }

        var result = await handler.ValidateTokenAsync(raw, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = appId,
            IssuerSigningKey = key.Key,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = ValidateLifetime,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return null;
        }

        var valid = new ValidatedToken(token.TryGetPayloadValue<string>("serviceurl", out var serviceUrl) ? serviceUrl : null, key.Endorsements);
        Remember(raw, valid, token.ValidTo);
        return valid;
    }

    private void Remember(string raw, ValidatedToken valid, DateTime expires)
    {
        if (validated.Count >= CacheCapacity)
        {
            validated.Clear(); // bounded; the next requests simply validate again
        }

        var now = time.GetUtcNow();
        var until = new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc));
        validated[raw] = (valid, until < now + CacheLifetime ? until : now + CacheLifetime);
    }

    // The library reads the wall clock; this keeps token lifetime on the injectable TimeProvider like everything else.
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp.ToUniversalTime() + ClockSkew
            && (notBefore is not { } nbf || now >= nbf.ToUniversalTime() - ClockSkew);
    }
}

/// <summary>What a valid token vouches for.</summary>
public sealed record ValidatedToken(string? ServiceUrl, IReadOnlySet<string> Endorsements)
{
    /// <summary>The key is endorsed for the activity's channel and the token was issued for its serviceUrl.</summary>
    public bool Admits(string channelId, string activityServiceUrl) =>
        Endorsements.Contains(channelId) && ServiceUrl is not null && SameServiceUrl(ServiceUrl, activityServiceUrl);

    public static bool SameServiceUrl(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
