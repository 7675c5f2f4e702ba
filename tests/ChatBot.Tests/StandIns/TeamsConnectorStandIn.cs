using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ChatBot.Tests.StandIns;

/// <summary>
/// A Bot Connector (<c>/v3/conversations/...</c>) on 127.0.0.1 that records every call and refuses, with 401,
/// any call without a token the <see cref="BotFrameworkLoginStandIn"/> issued. It also serves files: pre-authenticated
/// SharePoint-like downloads under <c>/sharepoint/</c> (any caller) and inline images under <c>/v3/attachments/</c>
/// (token required), recording the Authorization header each download carried.
/// </summary>
public sealed class TeamsConnectorStandIn : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ConnectorCall> calls = new();
    private readonly ConcurrentQueue<FileRequest> fileRequests = new();
    private readonly ConcurrentDictionary<string, byte[]> files = new();
    private readonly ConcurrentQueue<(int Status, int? RetryAfterSeconds)> faults = new();
    private int nextId;
    private FloodPlan? flood;

    private TeamsConnectorStandIn(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The serviceUrl activities carry, with the trailing slash real Teams sends.</summary>
    public Uri BaseUrl { get; }

    public string ServiceUrl => BaseUrl.ToString();

    public IReadOnlyList<ConnectorCall> Calls => calls.ToArray();

    public IReadOnlyList<FileRequest> FileRequests => fileRequests.ToArray();

    public string AddDownload(string name, byte[] content)
    {
        files[name] = content;
        return new Uri(BaseUrl, "/sharepoint/_layouts/15/download.aspx?UniqueId=" + Uri.EscapeDataString(name) + "&tempauth=pre-authenticated").ToString();
    }

    /// <summary>A download URL on this (listed) host that answers 302 to <paramref name="target"/>.</summary>
    public string AddRedirect(Uri target) => new Uri(BaseUrl, "/sharepoint/redirect?to=" + Uri.EscapeDataString(target.ToString())).ToString();

    /// <summary>The next connector calls (not downloads) answer <paramref name="status"/>, e.g. 429 with Retry-After.</summary>
    public void FailNext(int status, int? retryAfterSeconds = null, int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            faults.Enqueue((status, retryAfterSeconds));
        }
    }

    /// <summary>The next authorized connector call is answered 200 with a chunked body of <paramref name="bytes"/> bytes.</summary>
    public void FloodNext(long bytes, int chunkDelayMs = 0) => flood = new FloodPlan(bytes, chunkDelayMs);

    /// <summary>How the last flood went: what went out before the client hung up.</summary>
    public FloodReport? LastFlood { get; private set; }

    /// <summary>Polls until a recorded call matches; throws <see cref="TimeoutException"/> at the deadline.</summary>
    public async Task<ConnectorCall> WaitForCallAsync(Func<ConnectorCall, bool> match, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (calls.FirstOrDefault(match) is { } call)
            {
                return call;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"No connector call {what} arrived. Calls: " + string.Join("\n", calls.Select(c => $"{c.Method} {c.RawTarget}")));
    }

    public static async Task<TeamsConnectorStandIn> StartAsync(BotFrameworkLoginStandIn login)
    {
        TeamsConnectorStandIn? standIn = null;
        var (app, baseUrl) = await LoopbackStandIn.StartAsync(app =>
        {
            app.MapGet("/sharepoint/_layouts/15/download.aspx", (HttpContext http) =>
            {
                standIn!.fileRequests.Enqueue(new FileRequest(http.Request.Path + http.Request.QueryString, Authorization(http)));
                return standIn.files.TryGetValue(http.Request.Query["UniqueId"].ToString(), out var bytes)
                    ? Results.Bytes(bytes, "application/octet-stream")
                    : Results.NotFound();
            });
            app.MapGet("/sharepoint/redirect", (HttpContext http) =>
            {
                standIn!.fileRequests.Enqueue(new FileRequest(http.Request.Path + http.Request.QueryString, Authorization(http)));
                return Results.Redirect(http.Request.Query["to"].ToString());
            });
            app.MapGet("/v3/attachments/{id}/views/original", (HttpContext http, string id) =>
            {
                standIn!.fileRequests.Enqueue(new FileRequest(http.Request.Path, Authorization(http)));
                return !login.Issued(BearerOf(http)) ? Results.Unauthorized()
                    : standIn.files.TryGetValue(id, out var bytes) ? Results.Bytes(bytes, "image/png") : Results.NotFound();
            });
            // A second parameter keeps this a route handler (whose IResult is executed), not a RequestDelegate.
            app.Map("/teams/v3/{**rest}", (HttpContext http, string rest) => standIn!.ConnectorAsync(http, login));
        });
        standIn = new TeamsConnectorStandIn(app, new Uri(baseUrl + "teams/"));
        return standIn;
    }

    /// <summary>A pasted image's contentUrl on this connector.</summary>
    public string AddInlineImage(string id, byte[] content)
    {
        files[id] = content;
        return new Uri(BaseUrl, "/v3/attachments/" + id + "/views/original").ToString();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static string? Authorization(HttpContext http) =>
        http.Request.Headers.Authorization.Count == 0 ? null : http.Request.Headers.Authorization.ToString();

    private static string BearerOf(HttpContext http) => Authorization(http) is { } value && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value[7..] : "";

    private async Task<IResult> ConnectorAsync(HttpContext http, BotFrameworkLoginStandIn login)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var rawTarget = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var authorized = login.Issued(BearerOf(http));
        var path = Uri.UnescapeDataString(http.Request.Path.Value ?? "");
        var id = Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var responseId = http.Request.Method == "PUT" ? path[(path.LastIndexOf('/') + 1)..]
            : path.EndsWith("/v3/conversations", StringComparison.Ordinal) ? "a:personal-chat-with-" + (JsonNode.Parse(body)?["members"]?[0]?["id"]?.GetValue<string>() ?? "unknown")
            : "bot-activity-" + id;
        var call = new ConnectorCall(http.Request.Method, path, rawTarget, Authorization(http), authorized, body, responseId);
        calls.Enqueue(call);
        if (!authorized)
        {
            return Results.Json(new { error = new { code = "Unauthorized", message = "Authorization has been denied for this request." } }, statusCode: 401);
        }

        if (Interlocked.Exchange(ref flood, null) is { } answer)
        {
            LastFlood = await FloodAnswer.WriteAsync(http, answer.Bytes, answer.ChunkDelayMs, "{\"id\":\"");
            return Results.Empty;
        }

        if (faults.TryDequeue(out var fault))
        {
            if (fault.RetryAfterSeconds is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.StatusCode(fault.Status);
        }

        return Results.Text(new JsonObject { ["id"] = responseId }.ToJsonString(), "application/json", statusCode: call.Method == "PUT" ? 200 : 201);
    }
}

/// <param name="Path">Unescaped path, e.g. <c>/teams/v3/conversations/19:x@thread.tacv2;messageid=1/activities</c>.</param>
/// <param name="RawTarget">The request target as sent, to check the conversation id was escaped.</param>
/// <param name="ResponseId">The id the stand-in answered (the new activity or conversation).</param>
public sealed record ConnectorCall(string Method, string Path, string RawTarget, string? Authorization, bool Authorized, string Body, string ResponseId)
{
    /// <summary>The conversation id in the path, unescaped.</summary>
    public string? ConversationId => Path.Split("/v3/conversations/") is [_, var rest] ? rest.Split("/activities")[0] : null;

    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>Every string in the JSON body, unescaped (the bot's JSON escapes non-ASCII such as "è"), one per line.</summary>
    public string Text => Json is { } json ? string.Join("\n", Strings(json)) : "";

    /// <summary>The Adaptive Card the call carried, if any.</summary>
    public JsonNode? Card => Json?["attachments"]?[0]?["content"];

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}

public sealed record FileRequest(string Path, string? Authorization);
