using System.Collections.Concurrent;
using ChatBot.Teams.Authentication;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Graph;

/// <summary>
/// App-only Microsoft Graph tokens (client credentials, scope <see cref="Scope"/>, the bot's own app registration),
/// one per tenant, cached until <see cref="ClientCredentialsGrant.RefreshMargin"/> before they expire. The token comes from the tenant of the
/// conversation: a single-tenant bot asks <c>Teams:TokenEndpoint</c> and serves its own tenant only; a multi-tenant
/// bot asks the same endpoint with the conversation's tenant in place of <c>botframework.com</c>, which cannot issue
/// Graph tokens.
/// </summary>
public sealed class GraphTokenProvider(
    IHttpClientFactory httpClientFactory, IOptions<TeamsOptions> options, TimeProvider time, ILogger<GraphTokenProvider> logger) : IDisposable
{
    public const string HttpClientName = "Teams.GraphToken";

    public const string Scope = "https://graph.microsoft.com/.default";

    private const int MaxTenants = 1000;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentDictionary<string, GrantedToken> cached = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Where this tenant's Graph token comes from, or null when the bot may not serve the tenant: a single-tenant bot
    /// serves its own only, and a tenant is a GUID (it goes into the endpoint's path).
    /// </summary>
    public Uri? TokenEndpointFor(string tenantId)
    {
        var settings = options.Value;
        if (!Guid.TryParse(tenantId, out var tenant))
        {
            return null;
        }

        var endpoint = settings.EffectiveTokenEndpoint;
        if (settings.SingleTenant is { } own)
        {
            return string.Equals(own, tenant.ToString("D"), StringComparison.Ordinal) ? endpoint : null;
        }

        var path = endpoint.AbsolutePath.Split('/');
        if (path.Length > 1 && string.Equals(path[1], "botframework.com", StringComparison.OrdinalIgnoreCase))
        {
            path[1] = tenant.ToString("D");
            return new UriBuilder(endpoint) { Path = string.Join('/', path) }.Uri;
        }

        return endpoint; // an endpoint of the operator's own: used as configured
    }

    /// <summary>The tenant's Graph token, or null (logged) when it may not be served or the endpoint gave none.</summary>
    public async Task<string?> GetTokenAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (TokenEndpointFor(tenantId) is not { } endpoint)
        {
            return null;
        }

        if (cached.TryGetValue(tenantId, out var hit) && time.GetUtcNow() < hit.RefreshAt)
        {
            return hit.AccessToken;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cached.TryGetValue(tenantId, out var again) && time.GetUtcNow() < again.RefreshAt)
            {
                return again.AccessToken;
            }

            if (await ClientCredentialsGrant.RequestAsync(
                    httpClientFactory.CreateClient(HttpClientName), endpoint, options.Value, Scope, "Microsoft Graph", time, logger, cancellationToken) is not { } granted)
            {
                return null;
            }

            if (cached.Count >= MaxTenants)
            {
                cached.Clear();
            }

            cached[tenantId] = granted;
            return granted.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets the tenant's token, after Graph refused it (401): the next call asks for a new one.</summary>
    public void Forget(string tenantId) => cached.TryRemove(tenantId, out _);

    public void Dispose() => gate.Dispose();
}
