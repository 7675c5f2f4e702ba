using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Tests.StandIns;

/// <summary>
/// The Bot Framework's login side on 127.0.0.1: the OpenID metadata document, its JWKS (keys of a
/// <see cref="BotFrameworkTokenSigner"/>, with endorsements) and an Entra-like client-credentials token endpoint
/// that checks the app id and secret. Counts every request so tests can see caching and refetches.
/// </summary>
public sealed class BotFrameworkLoginStandIn : IAsyncDisposable
{
    public const string AppPassword = "test-app-password";
    public const string MetadataPath = "/v1/.well-known/openidconfiguration";
    public const string KeysPath = "/v1/.well-known/keys";
    public const string TokenPath = "/botframework.com/oauth2/v2.0/token";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, byte> issued = new();
    private int metadataRequests;
    private int keysRequests;
    private int tokenRequests;
    private FloodPlan? flood;
    private FloodPlan? keysFlood;

    private BotFrameworkLoginStandIn(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public Uri MetadataUrl => new(BaseUrl + MetadataPath.TrimStart('/'));

    public Uri TokenEndpoint => new(BaseUrl + TokenPath.TrimStart('/'));

    public int MetadataRequests => metadataRequests;

    public int KeysRequests => keysRequests;

    public int TokenRequests => tokenRequests;

    /// <summary>The next token request is answered 200 with a chunked body of <paramref name="bytes"/> bytes.</summary>
    public void FloodNextToken(long bytes, int chunkDelayMs = 0) => flood = new FloodPlan(bytes, chunkDelayMs);

    /// <summary>The next request for the signing keys (JWKS) is answered 200 with a chunked body of <paramref name="bytes"/> bytes.</summary>
    public void FloodNextKeys(long bytes, int chunkDelayMs = 0) => keysFlood = new FloodPlan(bytes, chunkDelayMs);

    /// <summary>How the last flood went: what went out before the client hung up.</summary>
    public FloodReport? LastFlood { get; private set; }

    /// <summary>True for a token this endpoint issued (the connector stand-in accepts only those).</summary>
    public bool Issued(string token) => issued.ContainsKey(token);

    public static async Task<BotFrameworkLoginStandIn> StartAsync(BotFrameworkTokenSigner signer)
    {
        BotFrameworkLoginStandIn? standIn = null;
        var (app, baseUrl) = await LoopbackStandIn.StartAsync(app =>
        {
            app.MapGet(MetadataPath, (HttpContext http) =>
            {
                Interlocked.Increment(ref standIn!.metadataRequests);
                var root = $"{http.Request.Scheme}://{http.Request.Host}";
                return Results.Text(
                    $$"""{"issuer":"https://api.botframework.com","jwks_uri":"{{root}}{{KeysPath}}","id_token_signing_alg_values_supported":["RS256"],"token_endpoint_auth_methods_supported":["private_key_jwt"]}""",
                    "application/json");
            });
            app.MapGet(KeysPath, async (HttpContext http) =>
            {
                Interlocked.Increment(ref standIn!.keysRequests);
                if (Interlocked.Exchange(ref standIn.keysFlood, null) is { } answer)
                {
                    standIn.LastFlood = await FloodAnswer.WriteAsync(http, answer.Bytes, answer.ChunkDelayMs, "{\"keys\":[\"");
                    return Results.Empty;
                }

                return Results.Text(signer.JwksJson(), "application/json");
            });
            app.MapPost(TokenPath, async (HttpContext http) =>
            {
                Interlocked.Increment(ref standIn!.tokenRequests);
                var form = await http.Request.ReadFormAsync();
                if (Interlocked.Exchange(ref standIn.flood, null) is { } answer)
                {
                    standIn.LastFlood = await FloodAnswer.WriteAsync(http, answer.Bytes, answer.ChunkDelayMs, "{\"access_token\":\"");
                    return Results.Empty;
                }

                if (form["grant_type"] != "client_credentials" || form["client_id"] != BotFrameworkTokenSigner.AppId
                    || form["client_secret"] != AppPassword || form["scope"] != "https://api.botframework.com/.default")
                {
                    return Results.Json(new { error = "invalid_client", error_description = "AADSTS7000215: Invalid client secret provided." }, statusCode: 401);
                }

                var token = "connector-token-" + Guid.NewGuid().ToString("N");
                standIn.issued.TryAdd(token, 0);
                return Results.Json(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = token });
            });
        });
        standIn = new BotFrameworkLoginStandIn(app, baseUrl);
        return standIn;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
