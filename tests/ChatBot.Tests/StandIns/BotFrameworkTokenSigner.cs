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
/// without endorsements, and <see cref="UnpublishedKey"/> nowhere.
/// </summary>
public sealed class BotFrameworkTokenSigner : IDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "5f0c7e2a-0b1d-4c3e-9a8f-000000000001";
    public const string Channel = "msteams";

    private readonly List<RSA> rsas = [];

    public BotFrameworkTokenSigner()
    {
        EndorsedKey = NewKey("endorsed-kid");
        UnendorsedKey = NewKey("unendorsed-kid");
        UnpublishedKey = NewKey("unpublished-kid");
    }

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

    private static JsonObject Jwk(RsaSecurityKey key, string[] endorsements)
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = jwk.N,
            ["e"] = jwk.E,
            ["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode?)e).ToArray()),
        };
    }

    private RsaSecurityKey NewKey(string kid)
    {
        var rsa = RSA.Create(2048);
        rsas.Add(rsa);
        return new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: true)) { KeyId = kid };
    }
}
