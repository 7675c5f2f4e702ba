using System.Net;
using System.Text.Json;
using ChatBot.Http;
using Microsoft.Extensions.Options;

namespace ChatBot.Keliweb;

/// <summary>
/// <c>{BaseUrl}oauth/token</c>: sends one grant and says whether it was granted, refused, or failed. Never retried:
/// a refresh grant that reached Keliweb has already retired the refresh token it presented.
/// </summary>
internal sealed class KeliwebTokenEndpoint(IHttpClientFactory httpClientFactory, IOptions<KeliwebOptions> options, TimeProvider time)
{
    public static KeyValuePair<string, string>[] PasswordGrant(string email, string password) =>
        [new("grant_type", "password"), new("username", email), new("password", password)];

    public static KeyValuePair<string, string>[] RefreshGrant(string refreshToken) =>
        [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)];

    public async Task<TokenGrantAnswer> RequestAsync(KeyValuePair<string, string>[] grant, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.HasApiKeys)
        {
            return new TokenGrantAnswer.Misconfigured("Keliweb:ClientId and Keliweb:ClientSecret are not configured.");
        }

        KeyValuePair<string, string>[] form = [new("client_id", settings.ClientId!), new("client_secret", settings.ClientSecret!), .. grant];
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.BaseUrl, "oauth/token")) { Content = new FormUrlEncodedContent(form) };
            var answer = await UpstreamAnswerReader.SendAsync(httpClientFactory.CreateClient(KeliwebTokenProvider.HttpClientName), request, cancellationToken);
            return answer.IsSuccessStatusCode ? Granted(answer) : NotGranted(answer);
        }
        catch (AnswerTooLargeException exception)
        {
            return new TokenGrantAnswer.Failed($"token answer larger than {exception.MaxBytes} bytes", null);
        }
        catch (HttpRequestException exception)
        {
            return new TokenGrantAnswer.Failed($"token endpoint unreachable ({exception.HttpRequestError})", null);
        }
        catch (IOException exception)
        {
            return new TokenGrantAnswer.Failed($"token answer broke off ({exception.GetType().Name})", null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new TokenGrantAnswer.Failed("token request timed out", null);
        }
    }

    private static TokenGrantAnswer Granted(UpstreamAnswer answer)
    {
        try
        {
            var token = JsonSerializer.Deserialize(answer.Body.Span, KeliwebJsonContext.Default.KeliwebTokenResponse);
            if (token is { AccessToken.Length: > 0, ExpiresIn: > 0 })
            {
                return new TokenGrantAnswer.Granted(token);
            }
        }
        catch (JsonException)
        {
            // Falls through: an unreadable answer is a failed request.
        }

        return new TokenGrantAnswer.Failed("token endpoint answered without a usable access token", null);
    }

    private TokenGrantAnswer NotGranted(UpstreamAnswer answer)
    {
        var status = answer.StatusCode;
        if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
        {
            return new TokenGrantAnswer.Failed($"token endpoint answered {(int)status}", RetryAfterHeader.Delay(answer.Headers, time));
        }

        if (status is not (HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized))
        {
            return new TokenGrantAnswer.Failed($"token endpoint answered {(int)status}", null);
        }

        // Passport: invalid_client for wrong API keys; invalid_grant for a wrong password or a used/expired refresh token.
        var error = ReadError(answer.Body.Span);
        return error is "invalid_client" or "invalid_request" or "unsupported_grant_type"
            ? new TokenGrantAnswer.Misconfigured($"the API keys were refused ({error}); check Keliweb:ClientId and Keliweb:ClientSecret.")
            : new TokenGrantAnswer.Refused(error);
    }

    private static string ReadError(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, KeliwebJsonContext.Default.KeliwebTokenError)?.Error ?? "invalid_grant";
        }
        catch (JsonException)
        {
            return "invalid_grant";
        }
    }
}

/// <summary>What <c>oauth/token</c> did with a grant.</summary>
internal abstract record TokenGrantAnswer
{
    private TokenGrantAnswer()
    {
    }

    public sealed record Granted(KeliwebTokenResponse Token) : TokenGrantAnswer;

    /// <summary>The credentials (password or refresh token) were refused: someone must log in again.</summary>
    public sealed record Refused(string Error) : TokenGrantAnswer;

    /// <summary>No answer, or not one about the grant: nothing was decided, try again later.</summary>
    public sealed record Failed(string Reason, TimeSpan? RetryAfter) : TokenGrantAnswer;

    /// <summary>The API keys are missing or refused: an operator must fix the configuration.</summary>
    public sealed record Misconfigured(string Message) : TokenGrantAnswer;
}
