using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatBot.Http;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Authentication;

namespace ChatBot.Teams.Connector;

/// <summary>
/// The Bot Connector REST calls the bot makes (bot-docs connector API reference). The token goes only to a
/// trusted serviceUrl; conversation ids are escaped because they contain <c>;</c>, <c>:</c> and <c>@</c>.
/// </summary>
public sealed partial class TeamsConnectorClient(
    IHttpClientFactory httpClientFactory, ConnectorTokenProvider tokens, TrustedServiceUrls trust, ILogger<TeamsConnectorClient> logger)
{
    public const string HttpClientName = "Teams.Connector";

    public Task<ConnectorResult> SendAsync(string serviceUrl, string conversationId, OutboundActivity activity, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Post, serviceUrl, ConversationPath(conversationId) + "/activities", activity, cancellationToken);

    public Task<ConnectorResult> ReplyAsync(
        string serviceUrl, string conversationId, string activityId, OutboundActivity activity, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Post, serviceUrl, ActivityPath(conversationId, activityId), activity with { ReplyToId = activityId }, cancellationToken);

    public Task<ConnectorResult> UpdateAsync(
        string serviceUrl, string conversationId, string activityId, OutboundActivity activity, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Put, serviceUrl, ActivityPath(conversationId, activityId), activity, cancellationToken);

    /// <summary>Creates (or finds: the connector answers the existing id) the bot's 1:1 chat; <see cref="ConnectorResult.Id"/> is its conversation id.</summary>
    public Task<ConnectorResult> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Post, serviceUrl, "v3/conversations", parameters, cancellationToken);

    /// <summary>
    /// A connector call as the upstream metrics name it: the HTTP method and the path with its ids left out, such as
    /// <c>PUT conversations/{id}/activities/{id}</c>.
    /// </summary>
    public static string MethodOf(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var segments = (request.RequestUri?.AbsolutePath ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var start = Array.IndexOf(segments, "conversations");
        if (start < 0)
        {
            return request.Method.Method + " other";
        }

        var template = new List<string>();
        for (var i = start; i < segments.Length; i++)
        {
            template.Add(i > start && segments[i - 1] is "conversations" or "activities" or "members" ? "{id}" : segments[i]);
        }

        return request.Method.Method + " " + string.Join('/', template);
    }

    private static string ConversationPath(string conversationId) => "v3/conversations/" + Uri.EscapeDataString(conversationId);

    private static string ActivityPath(string conversationId, string activityId) =>
        ConversationPath(conversationId) + "/activities/" + Uri.EscapeDataString(activityId);

    private Task<ConnectorResult> CallAsync(HttpMethod method, string serviceUrl, string path, OutboundActivity body, CancellationToken cancellationToken) =>
        CallAsync(method, serviceUrl, path, JsonContent.Create(body, TeamsJsonContext.Default.OutboundActivity), cancellationToken);

    private Task<ConnectorResult> CallAsync(HttpMethod method, string serviceUrl, string path, ConversationParameters body, CancellationToken cancellationToken) =>
        CallAsync(method, serviceUrl, path, JsonContent.Create(body, TeamsJsonContext.Default.ConversationParameters), cancellationToken);

    private async Task<ConnectorResult> CallAsync(HttpMethod method, string serviceUrl, string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var ownedContent = content;
        // Without a token to send (no credentials, or the emulator mode) only a loopback emulator is answered; otherwise
        // only a serviceUrl a validated token was issued for (or Teams:ServiceUrlHosts) ever sees the token.
        var tokenless = tokens.Disabled;
        if (!Uri.TryCreate(serviceUrl.TrimEnd('/') + "/", UriKind.Absolute, out var baseUrl)
            || !(tokenless ? LoopbackUrl.IsAllowed(baseUrl) && LoopbackUrl.IsLoopback(baseUrl) : trust.IsTrusted(baseUrl)))
        {
            LogUntrustedServiceUrl(logger, method.Method);
            return ConnectorResult.Failed(tokenless ? "without a connector token only a loopback emulator is answered" : "the serviceUrl is not trusted with the bot's token");
        }

        var token = tokenless ? null : await tokens.GetTokenAsync(cancellationToken);
        if (token is null && !tokenless)
        {
            return ConnectorResult.Retry(null, "no connector token");
        }

        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path)) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            var answer = await UpstreamAnswerReader.SendAsync(httpClientFactory.CreateClient(HttpClientName), request, cancellationToken);
            if (answer.IsSuccessStatusCode)
            {
                return ConnectorResult.Ok(ReadResourceId(answer)) with { HttpStatus = (int)answer.StatusCode };
            }

            var status = (int)answer.StatusCode;
            var reason = $"{status} {answer.TextForLog()}";
            LogConnectorRefused(logger, method.Method, status);
            return answer.StatusCode == HttpStatusCode.TooManyRequests || status >= 500
                ? ConnectorResult.Retry(RetryAfterHeader.Delay(answer.Headers, TimeProvider.System), reason, status)
                : ConnectorResult.Failed(reason, status);
        }
        catch (AnswerTooLargeException exception)
        {
            // The status line came first and says what happened; only the details are unread. A 2xx took the activity
            // (posting again could show it twice), so it counts as sent, without an id.
            LogAnswerTooLarge(logger, method.Method, exception.MaxBytes);
            var status = (int)exception.StatusCode;
            var reason = $"{status} (answer larger than {exception.MaxBytes} bytes, not read)";
            return status is >= 200 and <= 299 ? ConnectorResult.Ok(null) with { HttpStatus = status }
                : status == 429 || status >= 500 ? ConnectorResult.Retry(null, reason, status)
                : ConnectorResult.Failed(reason, status);
        }
        catch (HttpRequestException ex)
        {
            return ConnectorResult.Retry(null, ex.Message);
        }
        catch (IOException ex)
        {
            return ConnectorResult.Retry(null, ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ConnectorResult.Retry(null, "timeout");
        }
    }

    private static string? ReadResourceId(UpstreamAnswer answer)
    {
        if (answer.Body.IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(answer.Body.Span, TeamsJsonContext.Default.ResourceResponse)?.Id;
        }
        catch (JsonException)
        {
            return null; // PUT answers vary; the call itself succeeded
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Method} refused: the serviceUrl is not trusted (or, without a token, not a loopback emulator)")]
    private static partial void LogUntrustedServiceUrl(ILogger logger, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Method} answered more than {MaxBytes} bytes; the answer was not read")]
    private static partial void LogAnswerTooLarge(ILogger logger, string method, int maxBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Method} answered {Status}")]
    private static partial void LogConnectorRefused(ILogger logger, string method, int status);
}
