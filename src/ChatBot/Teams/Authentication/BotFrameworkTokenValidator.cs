using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Teams.Authentication;

/// <summary>
/// Validates the bearer token of an activity (design section 6), whichever of the two issuers Azure Bot Service uses
/// signed it: the Bot Framework (<c>iss</c> <see cref="Issuer"/>, keys from <c>Teams:OpenIdMetadataUrl</c>) or, for a
/// single-tenant bot, Entra ID (<c>iss</c> the configured tenant's v1 or v2 issuer, keys from
/// <c>Teams:EntraOpenIdMetadataUrl</c>). The <c>iss</c> read before validation only picks the key set; the signature
/// must then verify with a key of that issuer's own set, so one issuer's key never vouches for the other. Both:
/// RS256, <c>aud</c> the app id, lifetime with 5 minutes of skew. The checks that need the activity (endorsement,
/// <c>serviceurl</c>) happen in <see cref="ValidatedToken.Admits"/>.
/// </summary>
public sealed class BotFrameworkTokenValidator(
    BotFrameworkSigningKeys botFrameworkKeys, EntraSigningKeys entraKeys, IOptions<TeamsOptions> options, TimeProvider time)
{
    public const string Issuer = "https://api.botframework.com";

    internal static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How long a validated token is trusted without checking it again (bounded by its own expiry).</summary>
    internal static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    internal const int CacheCapacity = 10_000;

    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    // The Connector reuses one token for many requests (it lives an hour); signature checks dominate the cost of a request.
    private readonly ConcurrentDictionary<string, (ValidatedToken Token, DateTimeOffset Until)> validated = new(StringComparer.Ordinal);

    /// <summary>The v1 (<c>sts.windows.net</c>) and v2 (<c>login.microsoftonline.com</c>) issuers of a tenant's Entra tokens.</summary>
    public static IReadOnlyList<string> EntraIssuers(string tenant) =>
        ["https://sts.windows.net/" + tenant + "/", "https://login.microsoftonline.com/" + tenant + "/v2.0"];

    /// <summary>The validated token, or null for anything that is not a valid token for this bot.</summary>
    public async Task<ValidatedToken?> ValidateAsync(string? authorization, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var appId = settings.AppId;
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

        string kid, claimedIssuer;
        try
        {
            var unvalidated = handler.ReadJsonWebToken(raw);
            kid = unvalidated.Kid;
            claimedIssuer = unvalidated.Issuer;
        }
        catch (ArgumentException)
        {
            return null;
        }

        var tenant = settings.SingleTenant;
        TokenIssuer issuer;
        IReadOnlyList<string> validIssuers;
        OpenIdSigningKeys keys;
        if (claimedIssuer == Issuer)
        {
            (issuer, validIssuers, keys) = (TokenIssuer.BotFramework, [Issuer], botFrameworkKeys);
        }
        else if (tenant is not null && EntraIssuers(tenant).Contains(claimedIssuer, StringComparer.Ordinal))
        {
            (issuer, validIssuers, keys) = (TokenIssuer.Entra, EntraIssuers(tenant), entraKeys);
        }
        else
        {
            return null; // another tenant's Entra token, a multi-tenant bot's Entra token, or any other issuer
        }

        if (string.IsNullOrEmpty(kid) || await keys.FindAsync(kid, cancellationToken) is not { } key)
        {
            return null;
        }

        var result = await handler.ValidateTokenAsync(raw, new TokenValidationParameters
        {
            ValidIssuers = validIssuers,
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

        // An Entra token names its tenant twice; a tid of another tenant under this tenant's issuer is not this tenant's token.
        if (issuer == TokenIssuer.Entra && token.TryGetPayloadValue<string>("tid", out var tid) && !string.Equals(tid, tenant, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var serviceUrl = token.TryGetPayloadValue<string>("serviceurl", out var claimed) ? claimed : null;
        var valid = new ValidatedToken(serviceUrl, key.Endorsements, issuer);
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

/// <summary>The two issuers whose tokens reach <c>/api/messages</c>.</summary>
public enum TokenIssuer
{
    BotFramework,
    Entra,
}

/// <summary>What a valid token vouches for.</summary>
/// <param name="ServiceUrl">The <c>serviceurl</c> claim; Bot Framework tokens always carry it, Entra ones may not.</param>
/// <param name="Endorsements">The channels the signing key is endorsed for (Bot Framework keys only).</param>
public sealed record ValidatedToken(string? ServiceUrl, IReadOnlySet<string> Endorsements, TokenIssuer Issuer = TokenIssuer.BotFramework)
{
    /// <summary>
    /// The token admits this activity. A Bot Framework token: its key is endorsed for the channel and it was issued for
    /// the activity's serviceUrl. An Entra token (its keys carry no endorsements): its <c>serviceurl</c>, where present,
    /// is the activity's.
    /// </summary>
    public bool Admits(string channelId, string activityServiceUrl) => Issuer switch
    {
        TokenIssuer.BotFramework => Endorsements.Contains(channelId) && VouchesFor(activityServiceUrl),
        _ => ServiceUrl is null || VouchesFor(activityServiceUrl),
    };

    /// <summary>The token names this serviceUrl: only then may the connector token go there.</summary>
    public bool VouchesFor(string activityServiceUrl) => ServiceUrl is not null && SameServiceUrl(ServiceUrl, activityServiceUrl);

    public static bool SameServiceUrl(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
