using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ChatBot.Tests.StandIns;

/// <summary>
/// Microsoft Graph on 127.0.0.1 (<c>/v1.0/…</c>): channel messages and their replies, chat messages, <c>/shares</c>
/// that answer 302 to a pre-authenticated download elsewhere, and hosted contents. Every request is recorded with its
/// Authorization header; one without a Graph token the <see cref="BotFrameworkLoginStandIn"/> granted for
/// <see cref="Tenant"/> gets 401. Faults (403, 404, 429 with Retry-After...) can be queued per path.
/// </summary>
public sealed class GraphStandIn : IAsyncDisposable
{
    public const string TeamGroupId = "0b6a2f5e-9c1d-4e8f-a7b3-5d2c1e0f9a84";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<GraphRequest> requests = new();
    private readonly ConcurrentDictionary<string, JsonObject> messages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> shares = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> hosted = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Fault> faults = new();

    private GraphStandIn(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>What <c>Teams:GraphBaseUrl</c> is set to.</summary>
    public Uri GraphBaseUrl => new(BaseUrl, "/v1.0/");

    public string Tenant { get; set; } = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    /// <summary>Which tenant a bearer token was granted for; until set (by the test host), every call is 401.</summary>
    public Func<string, string?> TokenTenant { get; set; } = _ => null;

    public IReadOnlyList<GraphRequest> Requests => requests.ToArray();

    public static async Task<GraphStandIn> StartAsync()
    {
        GraphStandIn? standIn = null;
        var (app, baseUrl) = await LoopbackStandIn.StartAsync(app =>
            app.Map("/v1.0/{**rest}", (HttpContext http, string rest) => standIn!.Answer(http)));
        standIn = new GraphStandIn(app, new Uri(baseUrl + "/"));
        return standIn;
    }

    /// <summary>A channel message (a reply when <paramref name="rootId"/> differs from <paramref name="messageId"/>).</summary>
    public string AddChannelMessage(string channelId, string messageId, string rootId, JsonObject message)
    {
        var path = $"/v1.0/teams/{TeamGroupId}/channels/{channelId}/messages/" + (rootId == messageId ? messageId : rootId + "/replies/" + messageId);
        messages[path] = message;
        return path;
    }

    public string AddChatMessage(string chatId, string messageId, JsonObject message)
    {
        var path = $"/v1.0/chats/{chatId}/messages/{messageId}";
        messages[path] = message;
        return path;
    }

    /// <summary>Graph's answer to the share of <paramref name="contentUrl"/>: 302 to <paramref name="download"/>.</summary>
    public void AddShare(string contentUrl, string download) => shares[contentUrl] = download;

    public void AddHostedContent(string messagePath, string id, byte[] content) => hosted[messagePath + "/hostedContents/" + id + "/$value"] = content;

    /// <summary>The next <paramref name="count"/> requests whose path contains <paramref name="pathPart"/> answer <paramref name="status"/>.</summary>
    public void FailNext(string pathPart, int status, int? retryAfterSeconds = null, int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            faults.Enqueue(new Fault(pathPart, status, retryAfterSeconds));
        }
    }

    /// <summary>
    /// The next request whose path contains <paramref name="pathPart"/> gets 200 and the start of a body: then the
    /// connection is cut (<paramref name="stall"/> false) or nothing more comes until the client gives up.
    /// </summary>
    public void BreakNext(string pathPart, bool stall) => faults.Enqueue(new Fault(pathPart, 200, null, stall ? BrokenBody.Stalled : BrokenBody.Cut));

    /// <summary>A Graph <c>chatMessage</c> with <c>reference</c> attachments and an HTML body.</summary>
    public static JsonObject Message(string id, string html, string webUrl, params (string Id, string Name, string ContentUrl)[] files) => new()
    {
        ["id"] = id,
        ["replyToId"] = null,
        ["messageType"] = "message",
        ["webUrl"] = webUrl,
        ["deletedDateTime"] = null,
        ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = html },
        ["attachments"] = new JsonArray(files.Select(f => (JsonNode?)new JsonObject
        {
            ["id"] = f.Id, ["contentType"] = "reference", ["contentUrl"] = f.ContentUrl, ["content"] = null, ["name"] = f.Name, ["thumbnailUrl"] = null,
        }).ToArray()),
    };

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private IResult Answer(HttpContext http)
    {
        var path = http.Request.Path.Value ?? ""; // Kestrel unescaped it (all but %2F)
        var authorization = http.Request.Headers.Authorization.Count == 0 ? null : http.Request.Headers.Authorization.ToString();
        requests.Enqueue(new GraphRequest(http.Request.Method, path, http.Features.Get<IHttpRequestFeature>()!.RawTarget, authorization));
        var token = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..] : "";
        if (TokenTenant(token) != Tenant)
        {
            return Results.Json(new { error = new { code = "InvalidAuthenticationToken", message = "Access token is empty or invalid." } }, statusCode: 401);
        }

        if (faults.TryPeek(out var fault) && path.Contains(fault.PathPart, StringComparison.Ordinal) && faults.TryDequeue(out fault))
        {
            if (fault.Broken is { } broken)
            {
                return new BrokenAnswer(broken);
            }

            if (fault.RetryAfterSeconds is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.Json(new { error = new { code = fault.Status == 403 ? "Forbidden" : "Error", message = "stand-in fault" } }, statusCode: fault.Status);
        }

        if (messages.TryGetValue(path, out var message))
        {
            return Results.Text(message.ToJsonString(), "application/json");
        }

        if (hosted.TryGetValue(path, out var image))
        {
            return Results.Bytes(image, "image/png");
        }

        const string sharesPrefix = "/v1.0/shares/u!";
        if (path.StartsWith(sharesPrefix, StringComparison.Ordinal) && path.EndsWith("/driveItem/content", StringComparison.Ordinal))
        {
            var encoded = path[sharesPrefix.Length..^"/driveItem/content".Length];
            var padded = encoded.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (encoded.Length % 4)) % 4);
            var contentUrl = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            return shares.TryGetValue(contentUrl, out var download) ? Results.Redirect(download) : Results.NotFound();
        }

        return Results.Json(new { error = new { code = "NotFound", message = "stand-in has no " + path } }, statusCode: 404);
    }

    private sealed record Fault(string PathPart, int Status, int? RetryAfterSeconds, BrokenBody? Broken = null);

    private enum BrokenBody
    {
        Cut,
        Stalled,
    }

    /// <summary>Promises 4 KB of JSON, sends a few bytes, then cuts the connection or waits for the client to leave.</summary>
    private sealed class BrokenAnswer(BrokenBody broken) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "application/json";
            httpContext.Response.ContentLength = 4096;
            await httpContext.Response.Body.WriteAsync("{\"id\":\"1\",\"body\":"u8.ToArray());
            await httpContext.Response.Body.FlushAsync();
            if (broken == BrokenBody.Cut)
            {
                httpContext.Abort();
                return;
            }

            try
            {
                await Task.Delay(Timeout.Infinite, httpContext.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // the client gave up, as it should
            }
        }
    }
}

/// <param name="Path">Unescaped path, e.g. <c>/v1.0/teams/{group}/channels/19:…@thread.tacv2/messages/1/replies/2</c>.</param>
/// <param name="RawTarget">As sent, to check the ids were escaped.</param>
public sealed record GraphRequest(string Method, string Path, string RawTarget, string? Authorization);
