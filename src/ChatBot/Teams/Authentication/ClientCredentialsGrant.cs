using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Http;

namespace ChatBot.Teams.Authentication;

/// <summary>A token the endpoint granted, and when to ask for the next one.</summary>
public sealed record GrantedToken(string AccessToken, DateTimeOffset RefreshAt);

/// <summary>
/// One client-credentials request with the bot's own app id and password, as the Bot Connector's and Microsoft
/// Graph's token providers make it. A form POST rather than MSAL: MSAL refuses http authorities, and the tests run
/// the token endpoint on loopback. The providers cache differently (one token, one per tenant); the request, the
/// answer's reading and the refresh time are the same.
/// </summary>
public static partial class ClientCredentialsGrant
{
    /// <summary>Asked for again this long before the token expires, so no call goes out with one about to lapse.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    /// <param name="purpose">What the token is for, in the log lines ("Bot Connector", "Microsoft Graph").</param>
    /// <returns>The token, or null (logged) when the endpoint refused, gave none, or could not be reached or read.</returns>
    public static async Task<GrantedToken?> RequestAsync(
        HttpClient client, Uri endpoint, TeamsOptions settings, string scope, string purpose, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.AppId!,
                ["client_secret"] = settings.AppPassword!,
                ["scope"] = scope,
            }),
        };
        try
        {
            var answer = await UpstreamAnswerReader.SendAsync(client, request, cancellationToken);
            if (!answer.IsSuccessStatusCode)
            {
                // The body names the AADSTS error (700016: a single-tenant app asking botframework.com; 65001: no admin
                // consent); it has no secrets.
                LogRefused(logger, purpose, (int)answer.StatusCode, answer.TextForLog());
                return null;
            }

            if (JsonSerializer.Deserialize(answer.Body.Span, TeamsJsonContext.Default.ClientCredentialsResponse) is not { AccessToken: { Length: > 0 } token } granted)
            {
                LogNone(logger, purpose, "answer without access_token", "");
                return null;
            }

            var lifetime = TimeSpan.FromSeconds(Math.Max(granted.ExpiresIn, 0));
            return new GrantedToken(token, time.GetUtcNow() + (lifetime > RefreshMargin * 2 ? lifetime - RefreshMargin : lifetime / 2));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Too large (AnswerTooLargeException is an IOException), unreadable, unreachable or slow: no token this time.
            LogNone(logger, purpose, ex.GetType().Name, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The token endpoint refused the bot's credentials for a {Purpose} token: {Status} {Body}")]
    private static partial void LogRefused(ILogger logger, string purpose, int status, string body);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The token endpoint gave no {Purpose} token: {Kind} {Reason}")]
    private static partial void LogNone(ILogger logger, string purpose, string kind, string reason);
}

/// <summary>The token endpoint's answer to a client-credentials request.</summary>
public sealed record ClientCredentialsResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken = null,
    [property: JsonPropertyName("expires_in")] int ExpiresIn = 0);
