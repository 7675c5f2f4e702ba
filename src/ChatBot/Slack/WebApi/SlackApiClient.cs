using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ChatBot.Http;
using ChatBot.Slack.Payloads;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.WebApi;

/// <summary>
/// The Slack Web API methods the bot calls. Bearer token on every call, JSON bodies where Slack accepts JSON
/// (views.*, chat.*, conversations.open), forms elsewhere (users.info, files.info do not take JSON).
/// No automatic retries: the caller decides (the outbox retries post-backs with Retry-After). Every method takes the
/// <see cref="SlackWorkspace"/> it acts for and carries that installation's token; an installation without one gets
/// <see cref="NotInstalled"/> and no call leaves.
/// </summary>
public sealed partial class SlackApiClient(HttpClient http, IOptionsMonitor<SlackOptions> options, ISlackTokenSource tokens, ILogger<SlackApiClient> logger)
{
    public const string HttpClientName = "slack-api";

    /// <summary>
    /// The largest Web API answer read: views.open echoes the whole view (up to 100 blocks of 3000 characters), far
    /// more than the other answers, so the cap is above the shared reader's default but still bounds memory per call.
    /// </summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    /// <summary>The error of a call for a workspace that has no token (never installed, uninstalled, revoked).</summary>
    public const string NotInstalled = "not_installed";

    public Task<SlackApiResult<ViewsOpenResponse>> OpenViewAsync(SlackWorkspace workspace, string triggerId, JsonObject view, CancellationToken ct) =>
        PostJsonAsync(workspace, "views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, SlackJsonContext.Default.ViewsOpenResponse, ct);

    /// <summary>
    /// Replaces an open view; with <paramref name="hash"/> (the view's as the payload carried it) Slack refuses with
    /// <c>hash_conflict</c> when the view changed since, so an older update never overwrites a newer one.
    /// </summary>
    public Task<SlackApiResult<ViewsOpenResponse>> UpdateViewAsync(SlackWorkspace workspace, string viewId, string? hash, JsonObject view, CancellationToken ct)
    {
        var body = new JsonObject { ["view_id"] = viewId, ["view"] = view };
        if (!string.IsNullOrEmpty(hash))
        {
            body["hash"] = hash;
        }

        return PostJsonAsync(workspace, "views.update", body, SlackJsonContext.Default.ViewsOpenResponse, ct);
    }

    public Task<SlackApiResult<SlackApiResponse>> PostMessageAsync(SlackWorkspace workspace, JsonObject message, CancellationToken ct) =>
        PostJsonAsync(workspace, "chat.postMessage", message, SlackJsonContext.Default.SlackApiResponse, ct);

    public Task<SlackApiResult<SlackApiResponse>> PostEphemeralAsync(SlackWorkspace workspace, JsonObject message, CancellationToken ct) =>
        PostJsonAsync(workspace, "chat.postEphemeral", message, SlackJsonContext.Default.SlackApiResponse, ct);

    public Task<SlackApiResult<ConversationsOpenResponse>> OpenDirectMessageAsync(SlackWorkspace workspace, string userId, CancellationToken ct) =>
        PostJsonAsync(workspace, "conversations.open", new JsonObject { ["users"] = userId }, SlackJsonContext.Default.ConversationsOpenResponse, ct);

    public Task<SlackApiResult<UsersInfoResponse>> GetUserAsync(SlackWorkspace workspace, string userId, CancellationToken ct) =>
        PostFormAsync(workspace, "users.info", [new("user", userId), new("include_locale", "true")], SlackJsonContext.Default.UsersInfoResponse, ct);

    public Task<SlackApiResult<FilesInfoResponse>> GetFileAsync(SlackWorkspace workspace, string fileId, CancellationToken ct) =>
        PostFormAsync(workspace, "files.info", [new("file", fileId)], SlackJsonContext.Default.FilesInfoResponse, ct);

    private Task<SlackApiResult<T>> PostJsonAsync<T>(SlackWorkspace workspace, string method, JsonObject body, JsonTypeInfo<T> info, CancellationToken ct)
        where T : SlackApiResponse =>
        SendAsync(workspace, method, () => JsonBody(body), info, ct);

    /// <summary>The body as UTF-8 JSON, written straight from the node (no intermediate string); with a Content-Length.</summary>
    private static ReadOnlyMemoryContent JsonBody(JsonObject body)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body.WriteTo(writer);
        }

        var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        return content;
    }

    private Task<SlackApiResult<T>> PostFormAsync<T>(SlackWorkspace workspace, string method, KeyValuePair<string, string>[] fields, JsonTypeInfo<T> info, CancellationToken ct)
        where T : SlackApiResponse =>
        SendAsync(workspace, method, () => new FormUrlEncodedContent(fields), info, ct);

    private async Task<SlackApiResult<T>> SendAsync<T>(SlackWorkspace workspace, string method, Func<HttpContent> content, JsonTypeInfo<T> info, CancellationToken ct)
        where T : SlackApiResponse
    {
        var settings = options.CurrentValue;
        string? token;
        try
        {
            token = await tokens.BotTokenAsync(workspace, ct);
        }
        catch (SlackTokenUnavailableException ex)
        {
            // The token is due for a refresh and Slack's token endpoint did not answer: like Slack being down.
            LogNetworkFailure(logger, method, ex.Message);
            return SlackApiResult.Down<T>("token_refresh");
        }

        if (token is null)
        {
            LogNotInstalled(logger, method, workspace.InstallationId);
            return SlackApiResult.Failed<T>(NotInstalled);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, MethodUri(settings.ApiBaseUrl, method)) { Content = content() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            var answer = await UpstreamAnswerReader.SendAsync(http, request, ct, MaxAnswerBytes);
            if (answer.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = RetryAfterHeader.Delay(answer.Headers, TimeProvider.System);
                LogRateLimited(logger, method, retryAfter);
                return SlackApiResult.Limited<T>(retryAfter);
            }

            if (!answer.IsSuccessStatusCode)
            {
                LogHttpFailure(logger, method, (int)answer.StatusCode);
                return (int)answer.StatusCode >= 500
                    ? SlackApiResult.Down<T>("http_" + (int)answer.StatusCode)
                    : SlackApiResult.Failed<T>("http_" + (int)answer.StatusCode);
            }

            var value = JsonSerializer.Deserialize(answer.Body.Span, info);
            if (value is null)
            {
                return SlackApiResult.Failed<T>("empty_response");
            }

            if (!value.Ok)
            {
                LogApiError(logger, method, value.Error);
                return SlackApiResult.Failed<T>(value.Error ?? "unknown_error");
            }

            return SlackApiResult.Success<T>(value);
        }
        catch (AnswerTooLargeException)
        {
            // Like an unreadable answer: the call may have worked, and a post shown twice beats a notice never shown.
            LogNetworkFailure(logger, method, $"answer larger than {MaxAnswerBytes} bytes");
            return SlackApiResult.Down<T>("response_too_large");
        }
        catch (HttpRequestException ex)
        {
            LogNetworkFailure(logger, method, ex.Message);
            return SlackApiResult.Down<T>("network");
        }
        catch (IOException ex)
        {
            LogNetworkFailure(logger, method, ex.Message);
            return SlackApiResult.Down<T>("network");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            LogNetworkFailure(logger, method, "timeout");
            return SlackApiResult.Down<T>("timeout");
        }
        catch (JsonException)
        {
            LogNetworkFailure(logger, method, "invalid JSON");
            return SlackApiResult.Down<T>("invalid_response");
        }
    }

    // The method URLs, resolved once: a handful of methods per configured base URL.
    private static readonly ConcurrentDictionary<(Uri Base, string Method), Uri> MethodUris = new();

    private static Uri MethodUri(Uri baseUrl, string method) => MethodUris.GetOrAdd((baseUrl, method), static key => new Uri(key.Base, key.Method));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} not called: installation {InstallationId} has no token (not installed, or uninstalled)")]
    private static partial void LogNotInstalled(ILogger logger, string method, string installationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} rate limited, retry after {RetryAfter}")]
    private static partial void LogRateLimited(ILogger logger, string method, TimeSpan? retryAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} answered HTTP {Status}")]
    private static partial void LogHttpFailure(ILogger logger, string method, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Method} answered ok:false {Error}")]
    private static partial void LogApiError(ILogger logger, string method, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} failed: {Reason}")]
    private static partial void LogNetworkFailure(ILogger logger, string method, string reason);
}
