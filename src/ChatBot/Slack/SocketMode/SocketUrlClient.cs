using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ChatBot.Http;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.SocketMode;

/// <summary>What apps.connections.open gave: a WebSocket URL, a reason to try again later, or a reason to stop.</summary>
public abstract record SocketUrl
{
    private SocketUrl()
    {
    }

    public sealed record Issued(Uri Url) : SocketUrl;

    /// <param name="RetryAfter">Slack's Retry-After on 429, when it sent one.</param>
    public sealed record Unavailable(string Reason, TimeSpan? RetryAfter = null) : SocketUrl;

    /// <summary>The app token is wrong or revoked: trying again cannot help.</summary>
    public sealed record Fatal(string Error) : SocketUrl;
}

/// <summary>
/// apps.connections.open: a fresh single-use WebSocket URL for every connection. The app token goes in the
/// Authorization header, only to <c>Slack:ApiBaseUrl</c>'s host, and the URL it returns is trusted only on a host of
/// <c>Slack:SocketHosts</c>.
/// </summary>
public sealed partial class SocketUrlClient(
    HttpClient http, IOptionsMonitor<SlackOptions> slack, IOptionsMonitor<SocketModeOptions> options, ILogger<SocketUrlClient> logger)
{
    public const string HttpClientName = "slack-socket-mode";
    public const string Method = "apps.connections.open";

    /// <summary>Errors after which a new call cannot succeed (the SDKs stop on the same ones).</summary>
    private static readonly HashSet<string> FatalErrors = new(StringComparer.Ordinal)
    {
        "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "missing_scope", "not_allowed_token_type",
        "missing_args", "invalid_arguments",
    };

    public async Task<SocketUrl> OpenAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var methodUrl = new Uri(slack.CurrentValue.ApiBaseUrl, Method);
        if (!HostAllowList.Parse([slack.CurrentValue.ApiBaseUrl.Authority]).Admits(methodUrl))
        {
            return new SocketUrl.Fatal("api_base_url_not_secure");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, methodUrl) { Content = new FormUrlEncodedContent([]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AppToken?.Trim());
        UpstreamAnswer answer;
        try
        {
            answer = await UpstreamAnswerReader.SendAsync(http, request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or AnswerTooLargeException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new SocketUrl.Unavailable(ex is TaskCanceledException ? "timeout" : ex.GetType().Name);
        }

        if (answer.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new SocketUrl.Unavailable("ratelimited", RetryAfterHeader.Delay(answer.Headers, TimeProvider.System));
        }

        if (!answer.IsSuccessStatusCode)
        {
            return new SocketUrl.Unavailable("http_" + (int)answer.StatusCode);
        }

        ConnectionsOpenResponse? value;
        try
        {
            value = JsonSerializer.Deserialize(answer.Body.Span, SocketModeJsonContext.Default.ConnectionsOpenResponse);
        }
        catch (JsonException)
        {
            return new SocketUrl.Unavailable("invalid_response");
        }

        if (value is not { Ok: true })
        {
            var error = value?.Error ?? "unknown_error";
            return FatalErrors.Contains(error) ? new SocketUrl.Fatal(error) : new SocketUrl.Unavailable(error);
        }

        if (!Uri.TryCreate(value.Url, UriKind.Absolute, out var url) || !HostAllowList.Parse(settings.SocketHosts).AdmitsWebSocket(url))
        {
            // Logged by host only: the URL's ticket is a credential for one connection.
            LogForeignUrl(logger, Uri.TryCreate(value.Url, UriKind.Absolute, out var shown) ? shown.Scheme + "://" + shown.Authority : "(not a URL)");
            return new SocketUrl.Unavailable("url_not_allowed");
        }

        return new SocketUrl.Issued(url);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack Socket Mode: apps.connections.open gave a WebSocket URL on {Origin}, which Slack:SocketHosts does not allow; not connecting")]
    private static partial void LogForeignUrl(ILogger logger, string origin);
}
