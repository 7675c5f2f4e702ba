using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Tests.StandIns;

/// <summary>
/// The Bot Framework's login side on 127.0.0.1: the OpenID metadata document, its JWKS (keys of a
/// <see cref="BotFrameworkTokenSigner"/>, with endorsements) and an Entra-like client-credentials token endpoint
/// that checks the app id and secret. Counts every request so tests can see caching and refetches. It also plays
/// Entra ID for any tenant: that tenant's OpenID metadata and JWKS (<see cref="BotFrameworkTokenSigner.EntraKey"/>
/// only) and its token endpoint, which grants Bot Connector and Microsoft Graph tokens and records each grant.
/// </summary>
public sealed class BotFrameworkLoginStandIn : IAsyncDisposable
{
    public const string AppPassword = "test-app-password";
    public const string MetadataPath = "/v1/.well-known/openidconfiguration";
    public const string KeysPath = "/v1/.well-known/keys";
    public const string TokenPath = "/botframework.com/oauth2/v2.0/token";
    public const string GraphScope = "https://graph.microsoft.com/.default";
    public const string ConnectorScope = "https://api.botframework.com/.default";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, byte> issued = new();
    private readonly ConcurrentDictionary<string, string> issuedGraph = new();
    private readonly ConcurrentQueue<TokenGrant> tenantGrants = new();
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

    /// <summary>Every request to a tenant's own token endpoint (<c>/{tenant}/oauth2/v2.0/token</c>), granted or not.</summary>
    public IReadOnlyList<TokenGrant> TenantGrants => tenantGrants.ToArray();

    /// <summary>The tenant's Entra OpenID metadata document.</summary>
    public Uri EntraMetadataUrl(string tenant) => new(BaseUrl + tenant + "/v2.0/.well-known/openid-configuration");

    /// <summary>The tenant's own token endpoint, where a single-tenant bot asks.</summary>
    public Uri TenantTokenEndpoint(string tenant) => new(BaseUrl + tenant + "/oauth2/v2.0/token");

    /// <summary>The tenant a Graph token was granted for, or null when this endpoint never issued it.</summary>
    public string? GraphTokenTenant(string token) => issuedGraph.GetValueOrDefault(token);

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
            app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (HttpContext http, string tenant) =>
            {
                Interlocked.Increment(ref standIn!.metadataRequests);
                var root = $"{http.Request.Scheme}://{http.Request.Host}";
                return Results.Text(
                    $$"""{"issuer":"https://login.microsoftonline.com/{{tenant}}/v2.0","jwks_uri":"{{root}}/{{tenant}}/discovery/v2.0/keys","id_token_signing_alg_values_supported":["RS256"]}""",
                    "application/json");
            });
            app.MapGet("/{tenant}/discovery/v2.0/keys", (string tenant) =>
            {
                Interlocked.Increment(ref standIn!.keysRequests);
                return Results.Text(signer.EntraJwksJson(), "application/json");
            });
            app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpContext http, string tenant) =>
            {
                Interlocked.Increment(ref standIn!.tokenRequests);
                var form = await http.Request.ReadFormAsync();
                var scope = form["scope"].ToString();
                var valid = form["grant_type"] == "client_credentials" && form["client_id"] == BotFrameworkTokenSigner.AppId
                    && form["client_secret"] == AppPassword && scope is ConnectorScope or GraphScope;
                standIn.tenantGrants.Enqueue(new TokenGrant(tenant, scope, valid));
                if (!valid)
                {
                    return Results.Json(new { error = "invalid_client", error_description = "AADSTS7000215: Invalid client secret provided." }, statusCode: 401);
                }

                var token = (scope == GraphScope ? "graph-token-" : "connector-token-") + Guid.NewGuid().ToString("N");
                if (scope == GraphScope)
                {
                    standIn.issuedGraph[token] = tenant;
                }
                else
                {
                    standIn.issued.TryAdd(token, 0);
                }

                return Results.Json(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = token });
            });
        });
        standIn = new BotFrameworkLoginStandIn(app, baseUrl);
        return standIn;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

/// <summary>One client-credentials request to a tenant's token endpoint.</summary>
public sealed record TokenGrant(string Tenant, string Scope, bool Granted);
