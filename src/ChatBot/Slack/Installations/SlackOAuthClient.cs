using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatBot.Http;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Installations;

/// <summary>
/// oauth.v2.access under <see cref="SlackOptions.ApiBaseUrl"/>: a code for an installation, or a refresh token for a new
/// token pair. The client credentials go by HTTP Basic (Slack's preferred way), never in the body or a URL. Never
/// retried here: a code is single use, and a refresh grant spends the refresh token.
/// </summary>
public sealed partial class SlackOAuthClient(HttpClient http, IOptionsMonitor<SlackOptions> options, ILogger<SlackOAuthClient> logger)
{
    public const string HttpClientName = "slack-oauth";
    public const string Method = "oauth.v2.access";

    public Task<OAuthOutcome> ExchangeCodeAsync(string code, Uri redirectUri, CancellationToken ct) =>
        SendAsync([new("code", code), new("redirect_uri", redirectUri.ToString())], ct);

    public Task<OAuthOutcome> RefreshAsync(string refreshToken, CancellationToken ct) =>
        SendAsync([new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], ct);

    private async Task<OAuthOutcome> SendAsync(KeyValuePair<string, string>[] fields, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.ApiBaseUrl, Method)) { Content = new FormUrlEncodedContent(fields) };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ClientId}:{settings.ClientSecret}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        try
        {
            var answer = await UpstreamAnswerReader.SendAsync(http, request, ct);
            if (!answer.IsSuccessStatusCode)
            {
                LogFailed(logger, "HTTP " + (int)answer.StatusCode);
                return OAuthOutcome.Down("http_" + (int)answer.StatusCode);
            }

            var value = JsonSerializer.Deserialize(answer.Body.Span, InstallationsJsonContext.Default.OAuthAccessResponse);
            if (value is null)
            {
                return OAuthOutcome.Down("empty_response");
            }

            if (!value.Ok)
            {
                LogRefused(logger, value.Error ?? "unknown_error");
                return new OAuthOutcome(value, value.Error ?? "unknown_error", false);
            }

            if (string.IsNullOrEmpty(value.AccessToken))
            {
                return new OAuthOutcome(null, "no_access_token", false);
            }

            // What is stored here goes into every Authorization header for the workspace: a token of another kind, or
            // one with spaces or control characters, is refused now rather than stored as an installation that cannot work.
            if (!IsToken(value.AccessToken, "xoxb-", "xoxe.xoxb-") || (value.RefreshToken is { } refresh && !IsToken(refresh, "xoxe-")))
            {
                LogRefused(logger, "malformed_token");
                return new OAuthOutcome(null, "malformed_token", false);
            }

            return new OAuthOutcome(value, null, false);
        }
        catch (AnswerTooLargeException)
        {
            LogFailed(logger, "answer too large");
            return OAuthOutcome.Down("response_too_large");
        }
        catch (HttpRequestException ex)
        {
            LogFailed(logger, ex.Message);
            return OAuthOutcome.Down("network");
        }
        catch (IOException ex)
        {
            LogFailed(logger, ex.Message);
            return OAuthOutcome.Down("network");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            LogFailed(logger, "timeout");
            return OAuthOutcome.Down("timeout");
        }
        catch (JsonException)
        {
            LogFailed(logger, "invalid JSON");
            return OAuthOutcome.Down("invalid_response");
        }
    }

    /// <summary>Slack's tokens: a known prefix, then printable ASCII without spaces; far shorter than this in practice.</summary>
    public const int MaxTokenLength = 1024;

    private static bool IsToken(string token, params string[] prefixes) =>
        token.Length <= MaxTokenLength
        && prefixes.Any(p => token.Length > p.Length && token.StartsWith(p, StringComparison.Ordinal))
        && token.All(c => c is > ' ' and <= '~');

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack oauth.v2.access refused: {Error}")]
    private static partial void LogRefused(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack oauth.v2.access failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
