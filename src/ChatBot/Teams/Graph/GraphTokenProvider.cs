using System.Collections.Concurrent;
using System.Text.Json;
using ChatBot.Http;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Graph;

/// <summary>
/// App-only Microsoft Graph tokens (client credentials, scope <see cref="Scope"/>, the bot's own app registration),
/// one per tenant, cached until <see cref="RefreshMargin"/> before they expire. The token comes from the tenant of the
/// conversation: a single-tenant bot asks <c>Teams:TokenEndpoint</c> and serves its own tenant only; a multi-tenant
/// bot asks the same endpoint with the conversation's tenant in place of <c>botframework.com</c>, which cannot issue
/// Graph tokens.
/// </summary>
public sealed partial class GraphTokenProvider(
    IHttpClientFactory httpClientFactory, IOptions<TeamsOptions> options, TimeProvider time, ILogger<GraphTokenProvider> logger) : IDisposable
{
    public const string HttpClientName = "Teams.GraphToken";

    public const string Scope = "https://graph.microsoft.com/.default";

    internal static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private const int MaxTenants = 1000;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset RefreshAt)> cached = new(StringComparer.OrdinalIgnoreCase);

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
            return hit.Token;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cached.TryGetValue(tenantId, out var again) && time.GetUtcNow() < again.RefreshAt)
            {
                return again.Token;
            }

            if (await RequestAsync(endpoint, cancellationToken) is not { AccessToken: { Length: > 0 } token } answer)
            {
                return null;
            }

            if (cached.Count >= MaxTenants)
            {
                cached.Clear();
            }

            var lifetime = TimeSpan.FromSeconds(Math.Max(answer.ExpiresIn, 0));
            cached[tenantId] = (token, time.GetUtcNow() + (lifetime > RefreshMargin * 2 ? lifetime - RefreshMargin : lifetime / 2));
            return token;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets the tenant's token, after Graph refused it (401): the next call asks for a new one.</summary>
    public void Forget(string tenantId) => cached.TryRemove(tenantId, out _);

    private async Task<GraphTokenResponse?> RequestAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.AppId!,
                ["client_secret"] = settings.AppPassword!,
                ["scope"] = Scope,
            }),
        };
        try
        {
            var answer = await UpstreamAnswerReader.SendAsync(httpClientFactory.CreateClient(HttpClientName), request, cancellationToken);
            if (!answer.IsSuccessStatusCode)
            {
                // The body names the AADSTS error (e.g. 7000215, or 65001: no admin consent); it has no secrets.
                LogTokenRefused(logger, (int)answer.StatusCode, answer.TextForLog());
                return null;
            }

            return JsonSerializer.Deserialize(answer.Body.Span, GraphJsonContext.Default.GraphTokenResponse);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogTokenFailed(logger, ex.GetType().Name);
            return null;
        }
    }

    public void Dispose() => gate.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "The token endpoint refused a Microsoft Graph token: {Status} {Body}")]
    private static partial void LogTokenRefused(ILogger logger, int status, string body);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The token endpoint gave no Microsoft Graph token: {Kind}")]
    private static partial void LogTokenFailed(ILogger logger, string kind);
}
