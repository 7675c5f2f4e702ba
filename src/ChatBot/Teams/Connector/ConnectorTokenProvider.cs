using ChatBot.Teams.Authentication;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Connector;

/// <summary>
/// The bot's client-credentials token for the Bot Connector (scope <see cref="Scope"/>), cached until
/// <see cref="ClientCredentialsGrant.RefreshMargin"/> before it expires.
/// </summary>
public sealed class ConnectorTokenProvider(
    IHttpClientFactory httpClientFactory, IOptions<TeamsOptions> options, TimeProvider time, ILogger<ConnectorTokenProvider> logger) : IDisposable
{
    public const string HttpClientName = "Teams.Token";

    public const string Scope = "https://api.botframework.com/.default";

    private readonly SemaphoreSlim gate = new(1, 1);
    private GrantedToken? cached;

    /// <summary>
    /// True when no token is ever sent: Teams has no credentials, or the unauthenticated emulator mode is on (any
    /// same-host process counts as loopback there, so it could name any serviceUrl). Only a loopback emulator is talked to.
    /// </summary>
    public bool Disabled => !options.Value.Enabled || options.Value.DangerouslyAllowUnauthenticatedRequests;

    /// <summary>The access token, or null when <see cref="Disabled"/> or the endpoint refused (logged).</summary>
    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Disabled)
        {
            return null;
        }

        if (cached is { } hit && time.GetUtcNow() < hit.RefreshAt)
        {
            return hit.AccessToken;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cached is { } again && time.GetUtcNow() < again.RefreshAt)
            {
                return again.AccessToken;
            }

            if (await ClientCredentialsGrant.RequestAsync(
                    httpClientFactory.CreateClient(HttpClientName), options.Value.EffectiveTokenEndpoint, options.Value, Scope, "Bot Connector", time, logger, cancellationToken) is not { } granted)
            {
                return null;
            }

            cached = granted;
            return granted.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
