using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Tests.StandIns;

/// <summary>
/// Signs tokens the way the Bot Connector signs what it sends to <c>/api/messages</c> (RS256, <c>kid</c> header,
/// <c>iss</c> https://api.botframework.com, <c>aud</c> the app id, a <c>serviceurl</c> claim), with test keys the
/// <see cref="BotFrameworkLoginStandIn"/> publishes: <see cref="EndorsedKey"/> for "msteams", <see cref="UnendorsedKey"/>
/// without endorsements, and <see cref="UnpublishedKey"/> nowhere. It also signs Entra-issued tokens
/// (<see cref="SignEntra"/>) with <see cref="EntraKey"/>, which only the stand-in's Entra JWKS publishes.
/// </summary>
public sealed class BotFrameworkTokenSigner : IDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "5f0c7e2a-0b1d-4c3e-9a8f-000000000001";
    public const string Channel = "msteams";

    /// <summary>The single-tenant bot's tenant in the Entra tests.</summary>
    public const string Tenant = "3f9a2c41-7d1e-4b8a-9c6f-2e5d8a1b4c70";

    private readonly List<RSA> rsas = [];

    public BotFrameworkTokenSigner()
    {
        EndorsedKey = NewKey("endorsed-kid");
        UnendorsedKey = NewKey("unendorsed-kid");
        UnpublishedKey = NewKey("unpublished-kid");
        EntraKey = NewKey("entra-kid");
    }

    public RsaSecurityKey EntraKey { get; }

    public RsaSecurityKey EndorsedKey { get; }

    public RsaSecurityKey UnendorsedKey { get; }

    public RsaSecurityKey UnpublishedKey { get; }

    public string Sign(
        string serviceUrl,
        string audience = AppId,
        string issuer = Issuer,
        RsaSecurityKey? key = null,
        DateTime? expires = null,
        DateTime? notBefore = null)
    {
        var exp = expires ?? DateTime.UtcNow.AddMinutes(30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Expires = exp,
            NotBefore = notBefore ?? exp.AddMinutes(-60),
            IssuedAt = notBefore ?? exp.AddMinutes(-60),
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = new SigningCredentials(key ?? EndorsedKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>
    /// A token as Entra ID issues it for the bot: <c>iss</c> the tenant's v1 (<c>sts.windows.net</c>) or v2 issuer,
    /// <c>tid</c>, <c>aud</c> the app id, and a <c>serviceurl</c> claim unless <paramref name="serviceUrl"/> is null.
    /// </summary>
    public string SignEntra(
        string? serviceUrl,
        bool v2 = true,
        string tenant = Tenant,
        string? tidClaim = null,
        string audience = AppId,
        RsaSecurityKey? key = null,
        DateTime? expires = null)
    {
        var exp = expires ?? DateTime.UtcNow.AddMinutes(30);
        var claims = new List<Claim> { new("tid", tidClaim ?? tenant), new("ver", v2 ? "2.0" : "1.0") };
        if (serviceUrl is not null)
        {
            claims.Add(new Claim("serviceurl", serviceUrl));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = v2 ? "https://login.microsoftonline.com/" + tenant + "/v2.0" : "https://sts.windows.net/" + tenant + "/",
            Audience = audience,
            Expires = exp,
            NotBefore = exp.AddMinutes(-60),
            IssuedAt = exp.AddMinutes(-60),
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(key ?? EntraKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The Entra JWKS: <see cref="EntraKey"/> alone, with no endorsements (Entra has none).</summary>
    public string EntraJwksJson() =>
        new JsonObject { ["keys"] = new JsonArray { Jwk(EntraKey, null) } }.ToJsonString();

    /// <summary>The JWKS the stand-in serves: both published keys, the endorsed one with <c>"endorsements":["msteams"]</c>.</summary>
    public string JwksJson()
    {
        var keys = new JsonArray { Jwk(EndorsedKey, [Channel, "webchat"]), Jwk(UnendorsedKey, []) };
        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }

    public void Dispose()
    {
        foreach (var rsa in rsas)
        {
            rsa.Dispose();
        }
    }

    private static JsonObject Jwk(RsaSecurityKey key, string[]? endorsements)
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
        var json = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = jwk.N,
            ["e"] = jwk.E,
        };
        if (endorsements is not null)
        {
            json["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode?)e).ToArray());
        }

        return json;
    }

    private RsaSecurityKey NewKey(string kid)
    {
        var rsa = RSA.Create(2048);
        rsas.Add(rsa);
        return new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: true)) { KeyId = kid };
    }
}
