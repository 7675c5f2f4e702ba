using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ChatBot.Http;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Graph;

/// <summary>
/// The Microsoft Graph calls the bot makes, app-only: read a message, download a file. The Graph token goes only to
/// <c>Teams:GraphBaseUrl</c>'s scheme, host and port (<see cref="HostAllowList"/>); the pre-authenticated SharePoint
/// download a Graph redirect points to is followed by hand, hop by hop, without any token and only to
/// <c>Teams:FileHosts</c>. 429 and 503 are retried after their <c>Retry-After</c>, capped at <see cref="MaxRetryWait"/>
/// (a download holds its submission's lease), at most <see cref="Attempts"/> times; a refused token (401) is renewed once.
/// </summary>
public sealed partial class GraphClient(
    IHttpClientFactory httpClientFactory, GraphTokenProvider tokens, IOptions<TeamsOptions> options, TimeProvider time, ILogger<GraphClient> logger)
{
    public const string HttpClientName = "Teams.Graph";

    public const int MaxRedirects = 5;

    internal const int Attempts = 3;

    internal static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(30);

    /// <summary>A message with its HTML body and attachment list stays far below this (Teams caps a message near 28 KB of text).</summary>
    private const int MaxMessageBytes = 512 * 1024;

    /// <summary>A message read (throttling waits included) must not hold a card or a download longer than this.</summary>
    internal static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(100);

    private readonly Uri baseUrl = options.Value.GraphBaseUrl;
    private readonly HostAllowList graphHost = HostAllowList.Parse([Authority(options.Value.GraphBaseUrl)]);
    private readonly HostAllowList fileHosts = HostAllowList.Parse(options.Value.FileHosts);

    /// <summary>
    /// A call as the upstream metrics name it, with no id in it: <c>channel.message</c>, <c>channel.reply</c>,
    /// <c>chat.message</c>, <c>hostedContents</c>, <c>shares.content</c>, or <c>download</c> for a redirect's hop.
    /// </summary>
    public static string MethodOf(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.RequestUri?.AbsolutePath ?? "";
        return path.Contains("/hostedContents/", StringComparison.Ordinal) ? "hostedContents"
            : path.Contains("/shares/", StringComparison.Ordinal) ? "shares.content"
            : path.Contains("/replies/", StringComparison.Ordinal) ? "channel.reply"
            : path.Contains("/teams/", StringComparison.Ordinal) ? "channel.message"
            : path.Contains("/chats/", StringComparison.Ordinal) ? "chat.message"
            : "download";
    }

    /// <summary>The message, or why it could not be read; a broken, slow or oversized answer is a failure, never an exception.</summary>
    public async Task<GraphCall<GraphChatMessage>> GetMessageAsync(string tenantId, GraphMessageLocation message, CancellationToken cancellationToken)
    {
        // Headers and body within MessageTimeout: the client's own timeout stops at the headers.
        using var timeout = new CancellationTokenSource(MessageTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await ReadMessageAsync(tenantId, message, linked.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogMessageUnreadable(logger, ex.GetType().Name);
            return GraphCall.Failed<GraphChatMessage>(new GraphFailure(GraphFailureKind.Failed, 0, ex is OperationCanceledException ? "timeout" : "unreadable answer"));
        }
    }

    private async Task<GraphCall<GraphChatMessage>> ReadMessageAsync(string tenantId, GraphMessageLocation message, CancellationToken cancellationToken)
    {
        var (response, failure) = await SendAsync(tenantId, new Uri(baseUrl, message.Path), cancellationToken);
        if (response is null)
        {
            return GraphCall.Failed<GraphChatMessage>(failure!);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                return GraphCall.Failed<GraphChatMessage>(GraphFailure.Of(response.StatusCode));
            }

            try
            {
                var body = await UpstreamAnswerReader.ReadBodyAsync(response, MaxMessageBytes, cancellationToken);
                return JsonSerializer.Deserialize(body.Span, GraphJsonContext.Default.GraphChatMessage) is { } read
                    ? GraphCall.Ok(read)
                    : GraphCall.Failed<GraphChatMessage>(new GraphFailure(GraphFailureKind.Failed, (int)response.StatusCode, "empty message"));
            }
            catch (JsonException)
            {
                return GraphCall.Failed<GraphChatMessage>(new GraphFailure(GraphFailureKind.Failed, (int)response.StatusCode, "unreadable message"));
            }
        }
    }

    /// <summary>
    /// Streams the file at <paramref name="path"/> (under the Graph base URL) into <paramref name="destination"/>:
    /// Graph's own answer, or the download its redirect names. The byte count, or why not.
    /// </summary>
    public async Task<GraphCall<long>> DownloadAsync(string tenantId, string path, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        var url = new Uri(baseUrl, path);
        var (response, failure) = await SendAsync(tenantId, url, cancellationToken);
        if (response is null)
        {
            return GraphCall.Failed<long>(failure!);
        }

        var client = httpClientFactory.CreateClient(HttpClientName);
        try
        {
            for (var hop = 1; ; hop++)
            {
                if (!ResponseDownload.IsRedirect(response.StatusCode))
                {
                    return await CopyAsync(response, destination, maxBytes, cancellationToken);
                }

                if (response.Headers.Location is not { } location || !Uri.TryCreate(url, location, out var next))
                {
                    return GraphCall.Failed<long>(new GraphFailure(GraphFailureKind.Failed, (int)response.StatusCode, "redirect without a usable location"));
                }

                // The redirect is a pre-authenticated link: never the Graph token, and only to where files may come from.
                if (hop > MaxRedirects || !fileHosts.Admits(next))
                {
                    LogRedirectRefused(logger, hop);
                    return GraphCall.Failed<long>(new GraphFailure(GraphFailureKind.Failed, (int)response.StatusCode,
                        hop > MaxRedirects ? "too many redirects" : "the download redirected to a host not in Teams:FileHosts"));
                }

                using var request = new HttpRequestMessage(HttpMethod.Get, next);
                var following = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.Dispose();
                (response, url) = (following, next);
            }
        }
        finally
        {
            response.Dispose();
        }
    }

    private static async Task<GraphCall<long>> CopyAsync(HttpResponseMessage response, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            return GraphCall.Failed<long>(GraphFailure.Of(response.StatusCode));
        }

        if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
        {
            return GraphCall.Failed<long>(new GraphFailure(GraphFailureKind.TooLarge, (int)response.StatusCode, "too large") { Bytes = length });
        }

        var copied = await ResponseDownload.CopyCappedAsync(response, destination, maxBytes, cancellationToken);
        return copied > maxBytes
            ? GraphCall.Failed<long>(new GraphFailure(GraphFailureKind.TooLarge, (int)response.StatusCode, "too large") { Bytes = copied })
            : GraphCall.Ok(copied);
    }

    /// <summary>A GET to Graph with the tenant's token: the answer to read, or why there is none.</summary>
    private async Task<(HttpResponseMessage? Response, GraphFailure? Failure)> SendAsync(string tenantId, Uri url, CancellationToken cancellationToken)
    {
        if (!graphHost.Admits(url))
        {
            return (null, new GraphFailure(GraphFailureKind.Failed, 0, "not a Graph URL"));
        }

        var client = httpClientFactory.CreateClient(HttpClientName);
        var renewed = false;
        for (var attempt = 1; ; attempt++)
        {
            if (await tokens.GetTokenAsync(tenantId, cancellationToken) is not { } token)
            {
                return (null, new GraphFailure(GraphFailureKind.NoToken, 0, "no Graph token"));
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = response.StatusCode;
            if (status == HttpStatusCode.Unauthorized && !renewed)
            {
                response.Dispose();
                tokens.Forget(tenantId); // revoked or expired early: one new token, not a loop
                renewed = true;
                attempt--;
                continue;
            }

            if (status is (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) && attempt < Attempts)
            {
                var wait = RetryAfterHeader.Delay(response.Headers, time) ?? TimeSpan.FromSeconds(1 << attempt);
                response.Dispose();
                LogThrottled(logger, (int)status, attempt);
                await Task.Delay(wait < MaxRetryWait ? wait : MaxRetryWait, time, cancellationToken);
                continue;
            }

            return (response, null);
        }
    }

    private static string Authority(Uri url) => url.IsDefaultPort ? url.IdnHost : url.IdnHost + ":" + url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Microsoft Graph answered {Status} (attempt {Attempt}); waiting as Retry-After says, capped")]
    private static partial void LogThrottled(ILogger logger, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Teams message could not be read through Microsoft Graph: {Kind}")]
    private static partial void LogMessageUnreadable(ILogger logger, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Microsoft Graph download redirect was refused at hop {Hop}: too many, or its host is not in Teams:FileHosts")]
    private static partial void LogRedirectRefused(ILogger logger, int hop);
}

/// <summary>A Graph call's outcome: the value, or a <see cref="GraphFailure"/>.</summary>
public sealed record GraphCall<T>(T? Value, GraphFailure? Failure)
{
    public bool Succeeded => Failure is null;
}

public static class GraphCall
{
    public static GraphCall<T> Ok<T>(T value) => new(value, null);

    public static GraphCall<T> Failed<T>(GraphFailure failure) => new(default, failure);
}

public enum GraphFailureKind
{
    Forbidden,
    Gone,
    Busy,
    NoToken,
    TooLarge,
    /// <summary>Teams did not say where the message is (e.g. the bot's own 1:1 chat), so Graph cannot be asked for it.</summary>
    NotAddressable,
    Failed,
}

/// <summary>Why Graph gave nothing; <see cref="Status"/> is the HTTP status when there was one.</summary>
public sealed record GraphFailure(GraphFailureKind Kind, int Status, string Reason)
{
    /// <summary>For <see cref="GraphFailureKind.TooLarge"/>: how many bytes were seen.</summary>
    public long Bytes { get; init; }

    public static GraphFailure Of(HttpStatusCode status) => (int)status switch
    {
        403 => new(GraphFailureKind.Forbidden, 403, "forbidden"),
        404 or 410 => new(GraphFailureKind.Gone, (int)status, "gone"),
        429 or 503 => new(GraphFailureKind.Busy, (int)status, "busy"),
        var other => new(GraphFailureKind.Failed, other, "answered " + other.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };
}
