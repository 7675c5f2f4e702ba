using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatBot.Tests.StandIns;

/// <summary>
/// The Slack Web API as strict as Slack where the bot depends on it: bearer token or invalid_auth, triggers valid
/// 3 seconds and once, not_in_channel for conversations the bot is not in, users.info with locale and email,
/// files.info, file bytes that turn into Slack's HTML login page without the token, a redirect to another host
/// (localhost instead of 127.0.0.1) to prove the token is not forwarded, views.update refusing a stale hash, and 429
/// on demand. Records every call.
/// Each token belongs to one workspace (<see cref="Tokens"/>): users, files, conversations, triggers and views of
/// another workspace are refused with it, as Slack refuses them. The OAuth side (<see cref="SlackOAuthStandIn"/>) hands
/// out new workspaces' tokens: the consent screen and oauth.v2.access with codes, client credentials and rotation.
/// </summary>
public sealed partial class SlackApiStandIn : IAsyncDisposable
{
    public const string Token = "xoxb-standin-token";

    /// <summary>The workspace <see cref="Token"/> belongs to (the test host's team).</summary>
    public const string DefaultTeam = "T0KELIWEB";
    public static readonly TimeSpan TriggerLifetime = TimeSpan.FromSeconds(3);

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, (DateTimeOffset Issued, string Team)> triggers = new();
    private readonly Dictionary<string, (string Hash, string Team)> views = [];
    private readonly ConcurrentDictionary<string, (int Left, string RetryAfter)> rateLimited = new();
    private readonly ConcurrentDictionary<string, (long Bytes, int ChunkDelayMs)> floods = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> refusals = new();
    private int counter;

    private SlackApiStandIn(WebApplication app) => this.app = app;

    public Uri ApiBaseUrl { get; private set; } = null!;
    public int Port { get; private set; }
    public ConcurrentQueue<SlackApiCall> Calls { get; } = new();
    public ConcurrentDictionary<string, StandInUser> Users { get; } = new();
    public ConcurrentDictionary<string, StandInFile> Files { get; } = new();

    /// <summary>Every valid bot token and the workspace it belongs to; removing one revokes it.</summary>
    public ConcurrentDictionary<string, string> Tokens { get; } = new(StringComparer.Ordinal) { [Token] = DefaultTeam };

    /// <summary>Conversations of a workspace other than <see cref="DefaultTeam"/>: another workspace's token cannot post there.</summary>
    public ConcurrentDictionary<string, string> ChannelTeams { get; } = new();

    /// <summary>The OAuth endpoints: consent screen and oauth.v2.access.</summary>
    public SlackOAuthStandIn OAuth { get; } = new();

    /// <summary>Conversations the bot is a member of; DMs (D…) always work.</summary>
    public ConcurrentDictionary<string, bool> BotChannels { get; } = new();

    /// <summary>Socket Mode's side of Slack: apps.connections.open is answered by it.</summary>
    public SocketModeStandIn? SocketMode { get; set; }

    /// <summary>When set, file downloads on 127.0.0.1 redirect to "localhost" (another host for the bot).</summary>
    public bool RedirectDownloadsToOtherHost { get; set; }

    /// <summary>How long a file download hangs before its bytes come (crash tests kill the bot mid-download).</summary>
    public TimeSpan DownloadDelay { get; set; }

    public static async Task<SlackApiStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new SlackApiStandIn(app);
        standIn.Map();
        await app.StartAsync();
        var address = new Uri(app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First()
            : throw new InvalidOperationException("no server"));
        standIn.Port = address.Port;
        standIn.ApiBaseUrl = new Uri($"http://127.0.0.1:{address.Port}/api/");
        return standIn;
    }

    /// <summary>A trigger id as Slack puts in a command or shortcut: usable once, for 3 seconds.</summary>
    public string IssueTrigger(string team = DefaultTeam)
    {
        var id = $"{Interlocked.Increment(ref counter)}.123456.{Guid.NewGuid():N}";
        triggers[id] = (DateTimeOffset.UtcNow, team);
        return id;
    }

    /// <summary>The next <paramref name="times"/> calls to <paramref name="method"/> get 429 with <c>Retry-After: <paramref name="retryAfter"/></c>.</summary>
    public void RateLimit(string method, int times = 1, string retryAfter = "7") => rateLimited[method] = (times, retryAfter);

    /// <summary>The next calls to <paramref name="method"/> answer <c>ok:false</c> with these errors, one each (e.g. invalid_blocks).</summary>
    public void Refuse(string method, params string[] errors)
    {
        var queue = refusals.GetOrAdd(method, _ => new ConcurrentQueue<string>());
        foreach (var error in errors)
        {
            queue.Enqueue(error);
        }
    }

    /// <summary>
    /// The next call to <paramref name="method"/> is answered 200 with a chunked body of <paramref name="bytes"/> bytes,
    /// 1 MB per chunk, <paramref name="chunkDelayMs"/> apart; <see cref="LastFlood"/> says how much went out.
    /// </summary>
    public void Flood(string method, long bytes, int chunkDelayMs = 0) => floods[method] = (bytes, chunkDelayMs);

    /// <summary>How the last flood went: what went out before the client hung up.</summary>
    public FloodReport? LastFlood { get; private set; }

    public IReadOnlyList<SlackApiCall> CallsTo(string method) => Calls.Where(c => c.Method == method).ToList();

    /// <summary>Messages posted into <paramref name="userId"/>'s DM (conversations.open answers D + the user id).</summary>
    public IReadOnlyList<SlackApiCall> DirectMessagesTo(string userId) =>
        CallsTo("chat.postMessage").Where(c => c.Field("channel") == "D" + userId).ToList();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private void Map()
    {
        app.MapPost("/api/{method}", async (string method, HttpContext context) =>
        {
            var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
            var auth = context.Request.Headers.Authorization.ToString();
            var call = new SlackApiCall(method, auth, body, context.Request.ContentType ?? "", context.Request.Host.Host);
            Calls.Enqueue(call);
            if (method == SlackOAuthStandIn.AccessMethod)
            {
                return await OAuth.AccessAsync(call, this);
            }

            if (rateLimited.TryGetValue(method, out var limit) && limit.Left > 0)
            {
                rateLimited[method] = (limit.Left - 1, limit.RetryAfter);
                context.Response.Headers.RetryAfter = limit.RetryAfter;
                return Results.Json(new { ok = false, error = "ratelimited" }, statusCode: 429);
            }

            if (floods.TryRemove(method, out var flood))
            {
                LastFlood = await FloodAnswer.WriteAsync(context, flood.Bytes, flood.ChunkDelayMs, "{\"ok\":true,\"padding\":\"");
                return Results.Empty;
            }

            if (refusals.TryGetValue(method, out var refused) && refused.TryDequeue(out var refusal))
            {
                return Error(refusal);
            }

            if (method == "apps.connections.open" && SocketMode is { } socketMode)
            {
                return socketMode.ConnectionsOpen(auth);
            }

            if (TeamOf(auth) is not { } team)
            {
                return Error("invalid_auth");
            }

            var answer = method switch
            {
                "views.open" => ViewsOpen(call, team),
                "views.update" => ViewsUpdate(call, team),
                "chat.postMessage" => Post(call, team, ephemeral: false),
                "chat.postEphemeral" => Post(call, team, ephemeral: true),
                "conversations.open" => Users.TryGetValue(call.Field("users") ?? "", out var dm) && dm.TeamId != team
                    ? Error("user_not_found")
                    : Results.Json(new { ok = true, channel = new { id = "D" + call.Field("users") } }),
                "users.info" => UsersInfo(call, team),
                "files.info" => FilesInfo(call, team),
                _ => ThreadMethod(method, call) ?? Error("unknown_method"),
            };
            await HoldAsync(method, context.RequestAborted);
            return answer;
        });

        app.MapGet("/files/{id}/{name}", async (string id, HttpContext context) =>
        {
            var auth = context.Request.Headers.Authorization.ToString();
            Calls.Enqueue(new SlackApiCall("download", auth, "", "", context.Request.Host.Host));
            if (DownloadDelay > TimeSpan.Zero)
            {
                await Task.Delay(DownloadDelay, context.RequestAborted);
            }

            if (TeamOf(auth) is not { } team || !Files.TryGetValue(id, out var file) || (file.TeamId ?? DefaultTeam) != team)
            {
                return LoginPage();
            }

            if (RedirectDownloadsToOtherHost && context.Request.Host.Host == "127.0.0.1")
            {
                return Results.Redirect($"http://localhost:{Port}/cdn/{id}");
            }

            return Results.Bytes(file.Bytes, file.Mimetype);
        });

        // The presigned CDN hop: needs no token, and must never receive one.
        app.MapGet(SlackOAuthStandIn.AuthorizePath, (HttpContext context) => OAuth.Authorize(context));

        app.MapGet("/cdn/{id}", (string id, HttpContext context) =>
        {
            Calls.Enqueue(new SlackApiCall("cdn", context.Request.Headers.Authorization.ToString(), "", "", context.Request.Host.Host));
            return Files.TryGetValue(id, out var file) ? Results.Bytes(file.Bytes, file.Mimetype) : Results.NotFound();
        });
    }

    /// <summary>The workspace of a bearer token; null for a token Slack does not know (or revoked).</summary>
    public string? TeamOf(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.Ordinal) && Tokens.TryGetValue(authorization["Bearer ".Length..], out var team) ? team : null;

    /// <summary>Calls made with <paramref name="token"/>, whatever their method (downloads included).</summary>
    public IReadOnlyList<SlackApiCall> CallsWith(string token) => Calls.Where(c => c.Authorization == "Bearer " + token).ToList();

    private IResult ViewsOpen(SlackApiCall call, string team)
    {
        var json = call.Json();
        var trigger = json["trigger_id"]?.GetValue<string>() ?? "";
        if (!triggers.TryRemove(trigger, out var issued))
        {
            return Error(trigger.Length == 0 ? "invalid_arguments" : "exchanged_trigger_id");
        }

        if (issued.Team != team)
        {
            return Error("invalid_trigger_id");
        }

        if (DateTimeOffset.UtcNow - issued.Issued > TriggerLifetime)
        {
            return Error("expired_trigger_id");
        }

        if (json["view"] is not JsonObject view || view["type"]?.GetValue<string>() != "modal")
        {
            return Error("invalid_arguments");
        }

        var id = "V" + Interlocked.Increment(ref counter).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var hash = NewHash();
        lock (views)
        {
            views[id] = (hash, team);
        }

        ViewAnswers.Enqueue(new StandInViewAnswer("views.open", id, hash, null));
        return Results.Json(new { ok = true, view = new { id, hash } });
    }

    /// <summary>
    /// views.update as Slack does it: the view must exist (not_found), and with a hash that is not the view's current
    /// one (it was updated since) the update is refused with hash_conflict. Each update gives the view a new hash.
    /// </summary>
    private IResult ViewsUpdate(SlackApiCall call, string team)
    {
        var json = call.Json();
        var id = json["view_id"]?.GetValue<string>() ?? "";
        if (json["view"] is not JsonObject view || view["type"]?.GetValue<string>() != "modal")
        {
            return Error("invalid_arguments");
        }

        lock (views)
        {
            // A view of another workspace is not found with this token, as Slack answers.
            if (!views.TryGetValue(id, out var current) || current.Team != team)
            {
                ViewAnswers.Enqueue(new StandInViewAnswer("views.update", id, null, "not_found"));
                return Error("not_found");
            }

            if (json["hash"]?.GetValue<string>() is { } hash && hash != current.Hash)
            {
                ViewAnswers.Enqueue(new StandInViewAnswer("views.update", id, null, "hash_conflict"));
                return Error("hash_conflict");
            }

            var next = NewHash();
            views[id] = (next, team);
            ViewAnswers.Enqueue(new StandInViewAnswer("views.update", id, next, null));
            return Results.Json(new { ok = true, view = new { id, hash = next } });
        }
    }

    /// <summary>What views.open and views.update answered, in order: the view id, its new hash, or the error.</summary>
    public ConcurrentQueue<StandInViewAnswer> ViewAnswers { get; } = new();

    /// <summary>The current hash of an open view (what Slack puts in the next payload about it).</summary>
    public string ViewHash(string viewId)
    {
        lock (views)
        {
            return views[viewId].Hash;
        }
    }

    private string NewHash() => $"1700000000.{Interlocked.Increment(ref counter):D6}";

    private IResult Post(SlackApiCall call, string team, bool ephemeral)
    {
        var json = call.Json();
        var channel = json["channel"]?.GetValue<string>() ?? "";
        if (channel.Length == 0 || ChannelTeams.GetValueOrDefault(channel, DefaultTeam) != team && !channel.StartsWith('D'))
        {
            return Error("channel_not_found");
        }

        if (!channel.StartsWith('D') && !BotChannels.ContainsKey(channel))
        {
            return Error(channel.StartsWith('X') ? "channel_not_found" : "not_in_channel");
        }

        if (json["text"] is null && json["blocks"] is null)
        {
            return Error("no_text");
        }

        if (ContentProblem(json) is { } problem)
        {
            return Error(problem);
        }

        var ts = $"1700000000.{Interlocked.Increment(ref counter):D6}";
        if (!ephemeral)
        {
            Remember(channel, ts, json);
            if (TakePostThenFail())
            {
                return Results.StatusCode(500);
            }
        }

        return ephemeral ? Results.Json(new { ok = true, message_ts = ts }) : Results.Json(new { ok = true, channel, ts });
    }

    /// <summary>
    /// Slack's limits on what a message may hold, counted as Slack counts them (the text as sent, entities included):
    /// 40,000 characters of <c>text</c>, 50 blocks, 3,000 characters per section text, 75 per button label.
    /// </summary>
    private static string? ContentProblem(JsonObject message)
    {
        if (message["text"] is JsonValue text && text.GetValue<string>().Length > 40_000)
        {
            return "msg_too_long";
        }

        if (message["blocks"] is not JsonArray blocks)
        {
            return null;
        }

        if (blocks.Count > 50)
        {
            return "invalid_blocks";
        }

        foreach (var block in blocks)
        {
            var tooLong = block?["type"]?.GetValue<string>() switch
            {
                "section" => (block["text"]?["text"]?.GetValue<string>() ?? "") is var t && (t.Length is 0 or > 3000),
                "actions" => block["elements"]?.AsArray().Any(e => (e?["text"]?["text"]?.GetValue<string>()?.Length ?? 0) > 75) ?? false,
                _ => false,
            };
            if (tooLong)
            {
                return "invalid_blocks";
            }
        }

        return null;
    }

    private IResult UsersInfo(SlackApiCall call, string team)
    {
        if (!Users.TryGetValue(call.Field("user") ?? "", out var user) || user.TeamId != team)
        {
            return Error("user_not_found");
        }

        var locale = call.Field("include_locale") == "true" ? user.Locale : null;
        return Results.Json(new
        {
            ok = true,
            user = new
            {
                id = user.Id,
                team_id = user.TeamId,
                name = user.Name,
                real_name = user.RealName,
                locale,
                is_bot = false,
                is_email_confirmed = true,
                is_admin = user.IsAdmin,
                is_owner = user.IsOwner,
                profile = new { email = user.Email, display_name = user.Name, real_name = user.RealName },
            },
        });
    }

    private IResult FilesInfo(SlackApiCall call, string team)
    {
        if (!Files.TryGetValue(call.Field("file") ?? "", out var file) || (file.TeamId ?? DefaultTeam) != team)
        {
            return Error("file_not_found");
        }

        var url = file.Url ?? $"http://127.0.0.1:{Port}/files/{file.Id}/{Uri.EscapeDataString(file.Name)}";
        return Results.Json(new
        {
            ok = true,
            file = new
            {
                id = file.Id,
                name = file.Name,
                title = file.Name,
                mimetype = file.Mimetype,
                size = file.ReportedSize ?? file.Bytes.Length,
                url_private = url,
                url_private_download = url,
            },
        });
    }

    internal static IResult Error(string error) => Results.Json(new { ok = false, error });

    private static IResult LoginPage() => Results.Text(
        "<!DOCTYPE html><html><head><title>Slack</title></head><body>Sign in to Slack</body></html>", "text/html", Encoding.UTF8);
}

public sealed record StandInViewAnswer(string Method, string ViewId, string? Hash, string? Error);

public sealed record SlackApiCall(string Method, string Authorization, string Body, string ContentType, string Host)
{
    public JsonObject Json() => JsonNode.Parse(Body) as JsonObject ?? [];

    public string? Field(string name)
    {
        if (ContentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            return Json()[name]?.ToString();
        }

        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Body);
        return form.TryGetValue(name, out var v) ? v.ToString() : null;
    }
}

/// <param name="IsAdmin">users.info's is_admin: a workspace admin, who may link the whole workspace.</param>
public sealed record StandInUser(
    string Id, string TeamId, string Name, string RealName, string Email, string Locale, bool IsAdmin = false, bool IsOwner = false);

/// <summary>
/// <paramref name="ReportedSize"/> lets files.info lie about the size, as a truncated upload would look;
/// <paramref name="Url"/> replaces the download URL files.info hands out; <paramref name="TeamId"/> is whose file it is
/// (<see cref="SlackApiStandIn.DefaultTeam"/> when null): only that workspace's token sees it.
/// </summary>
public sealed record StandInFile(string Id, string Name, string Mimetype, byte[] Bytes, long? ReportedSize = null, string? Url = null, string? TeamId = null);
