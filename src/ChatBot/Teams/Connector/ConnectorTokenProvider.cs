using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Http;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Connector;

/// <summary>
/// The bot's client-credentials token for the Bot Connector (scope <see cref="Scope"/>), cached until
/// <see cref="RefreshMargin"/> before it expires. A form POST rather than MSAL: MSAL refuses http authorities,
/// and the tests run the token endpoint on loopback.
/// </summary>
public sealed partial class ConnectorTokenProvider(
    IHttpClientFactory httpClientFactory, IOptions<TeamsOptions> options, TimeProvider time, ILogger<ConnectorTokenProvider> logger) : IDisposable
{
    public const string HttpClientName = "Teams.Token";

    public const string Scope = "https://api.botframework.com/.default";

    internal static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim gate = new(1, 1);
    private (string Token, DateTimeOffset RefreshAt)? cached;

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
            return hit.Token;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cached is { } again && time.GetUtcNow() < again.RefreshAt)
            {
                return again.Token;
            }

            var settings = options.Value;
            using var request = new HttpRequestMessage(HttpMethod.Post, settings.EffectiveTokenEndpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = settings.AppId!,
                    ["client_secret"] = settings.AppPassword!,
                    ["scope"] = Scope,
                }),
            };
            if (await RequestAsync(request, cancellationToken) is not { AccessToken: { Length: > 0 } accessToken } token)
            {
                return null;
            }

            var lifetime = TimeSpan.FromSeconds(Math.Max(token.ExpiresIn, 0));
            cached = (accessToken, time.GetUtcNow() + (lifetime > RefreshMargin * 2 ? lifetime - RefreshMargin : lifetime / 2));
            return accessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The endpoint's answer when it granted a token; null (and logged) for anything else.</summary>
    private async Task<ConnectorTokenResponse?> RequestAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await UpstreamAnswerReader.SendAsync(httpClientFactory.CreateClient(HttpClientName), request, cancellationToken);
            if (!answer.IsSuccessStatusCode)
            {
                // The body may name the AADSTS error (e.g. 700016: single-tenant app asking botframework.com); it has no secrets.
                LogTokenRefused(logger, (int)answer.StatusCode, answer.TextForLog());
                return null;
            }

            return JsonSerializer.Deserialize(answer.Body.Span, TeamsJsonContext.Default.ConnectorTokenResponse);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Too large (AnswerTooLargeException is an IOException), unreadable, unreachable or slow: no token this time.
            LogTokenFailed(logger, ex.GetType().Name, ex.Message);
            return null;
        }
    }

    public void Dispose() => gate.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "The token endpoint refused the bot's credentials: {Status} {Body}")]
    private static partial void LogTokenRefused(ILogger logger, int status, string body);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The token endpoint gave no token: {Kind} {Reason}")]
    private static partial void LogTokenFailed(ILogger logger, string kind, string reason);
}

public sealed record ConnectorTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken = null,
    [property: JsonPropertyName("expires_in")] int ExpiresIn = 0);
