using ChatBot.Linking.SignIn;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Installations;

/// <summary>
/// "Add to Slack": <c>GET /slack/install</c> sets a cookie and shows the button to Slack's consent screen with a state
/// bound to that cookie; <c>GET /slack/oauth_redirect</c> (the manifest's redirect URL) spends the state, exchanges the
/// code with oauth.v2.access and stores the installation. Only in "Add to Slack" mode; otherwise both answer 404.
/// </summary>
public static partial class InstallEndpoints
{
    public const string InstallPath = "/slack/install";
    public const string RedirectPath = "/slack/oauth_redirect";
    public const string CookieName = "slack_install";

    /// <summary>The bot scopes asked for: the manifest's <c>oauth_config.scopes.bot</c>, exactly (a test holds them together).</summary>
    /// <remarks>The history scopes bring the message events of tickets' threads (the sync), reactions:write their acknowledgement.</remarks>
    public static readonly IReadOnlyList<string> BotScopes =
    [
        "commands", "chat:write", "files:read", "users:read", "users:read.email", "im:write",
        "channels:history", "groups:history", "im:history", "mpim:history", "reactions:write",
    ];

    public static IEndpointRouteBuilder MapInstallEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(InstallPath, InstallAsync);
        endpoints.MapGet(RedirectPath, RedirectAsync);
        return endpoints;
    }

    /// <summary>The redirect URL under <c>PublicBaseUrl</c>; null when the install flow is off.</summary>
    public static Uri? RedirectUri(SlackOptions slack, SignInOptions site) =>
        slack.IsMultiWorkspace && site.PublicBaseUri is { } root ? new Uri(root, RedirectPath.TrimStart('/')) : null;

    private static async Task InstallAsync(HttpContext context, IOptionsMonitor<SlackOptions> slack, IOptionsMonitor<SignInOptions> site, InstallStateStore states)
    {
        var t = InstallTexts.For(context.Request);
        var settings = slack.CurrentValue;
        if (RedirectUri(settings, site.CurrentValue) is not { } redirect)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, InstallPage.Off(t));
            return;
        }

        if (await states.CreateAsync(context.RequestAborted) is not var (state, cookie))
        {
            context.Response.Headers.RetryAfter = "300";
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, InstallPage.Busy(t));
            return;
        }
        context.Response.Cookies.Append(CookieName, cookie, new CookieOptions
        {
            HttpOnly = true,
            Secure = redirect.Scheme == Uri.UriSchemeHttps,
            // Lax: Slack sends the browser back with a top-level GET, which Lax cookies follow; no cross-site POST ever carries it.
            SameSite = SameSiteMode.Lax,
            Path = "/slack/",
            MaxAge = InstallStateStore.Lifetime,
        });
        var query = string.Join('&',
            "client_id=" + Uri.EscapeDataString(settings.ClientId!),
            "scope=" + Uri.EscapeDataString(string.Join(',', BotScopes)),
            "redirect_uri=" + Uri.EscapeDataString(redirect.AbsoluteUri),
            "state=" + Uri.EscapeDataString(state));
        var authorize = new UriBuilder(settings.AuthorizeUrl) { Query = query }.Uri;
        await WriteAsync(context, StatusCodes.Status200OK, InstallPage.Install(t, authorize));
    }

    private static async Task RedirectAsync(
        HttpContext context, IOptionsMonitor<SlackOptions> slack, IOptionsMonitor<SignInOptions> site, InstallStateStore states,
        SlackOAuthClient oauth, SlackInstallationStore store, TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(InstallEndpoints));
        var t = InstallTexts.For(context.Request);
        if (RedirectUri(slack.CurrentValue, site.CurrentValue) is not { } redirect)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, InstallPage.Off(t));
            return;
        }

        var query = context.Request.Query;
        var cookie = context.Request.Cookies[CookieName];
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/slack/", Secure = redirect.Scheme == Uri.UriSchemeHttps, HttpOnly = true });
        if (!await states.ConsumeAsync(query["state"].ToString(), cookie, context.RequestAborted))
        {
            LogBadState(logger, cookie is null ? "no install cookie" : "state unknown, used, expired or not this browser's");
            await WriteAsync(context, StatusCodes.Status400BadRequest, InstallPage.Expired(t));
            return;
        }

        if (query["error"].ToString() is { Length: > 0 } error)
        {
            // access_denied: the person declined on Slack's consent screen.
            LogDeclined(logger, Printable(error));
            await WriteAsync(context, StatusCodes.Status200OK, InstallPage.Cancelled(t));
            return;
        }

        if (query["code"].ToString() is not { Length: > 0 and <= 500 } code)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, InstallPage.Refused(t, "missing code"));
            return;
        }

        var outcome = await oauth.ExchangeCodeAsync(code, redirect, context.RequestAborted);
        if (outcome.Unavailable)
        {
            await WriteAsync(context, StatusCodes.Status502BadGateway, InstallPage.Unavailable(t));
            return;
        }

        if (!outcome.IsOk || outcome.Answer is not { } answer || ToInstallation(answer, time) is not { } installed)
        {
            var why = Printable(outcome.Error ?? "no bot token in the answer");
            LogRefused(logger, why);
            await WriteAsync(context, StatusCodes.Status400BadRequest, InstallPage.Refused(t, why));
            return;
        }

        await store.SaveAsync(installed.Installation, installed.Token, context.RequestAborted);
        LogInstalled(logger, installed.Installation.Id, installed.Installation.Name, installed.Installation.InstalledBy ?? "", installed.Token.ExpiresAt is not null);
        await WriteAsync(context, StatusCodes.Status200OK, InstallPage.Installed(t, installed.Installation.Name.Length > 0 ? installed.Installation.Name : installed.Installation.Id));
    }

    /// <summary>The installation oauth.v2.access describes; null when it holds no bot token or names no team.</summary>
    private static (SlackInstallation Installation, SlackBotToken Token)? ToInstallation(OAuthAccessResponse answer, TimeProvider time)
    {
        if (answer is not { AccessToken: { Length: > 0 } token, TokenType: "bot", BotUserId: { Length: > 0 } botUser })
        {
            return null;
        }

        var id = answer.IsEnterpriseInstall ? answer.Enterprise?.Id : answer.Team?.Id;
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var installation = new SlackInstallation(
            id, answer.Team?.Id, answer.Team?.Name, answer.Enterprise?.Id, answer.Enterprise?.Name, answer.IsEnterpriseInstall, answer.AppId,
            botUser, answer.Scope ?? "", answer.AuthedUser?.Id, now);
        var expires = answer.ExpiresIn is { } seconds ? now.AddSeconds(seconds) : (DateTimeOffset?)null;
        return (installation, new SlackBotToken(token, answer.RefreshToken, expires));
    }

    private static Task WriteAsync(HttpContext context, int status, string html)
    {
        var response = context.Response;
        response.StatusCode = status;
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = InstallPage.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync(html, context.RequestAborted);
    }

    /// <summary>What the browser or Slack sent, fit for a log line and a page: short, letters, digits and _ only.</summary>
    private static string Printable(string value) =>
        new(value.Take(60).Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '?').ToArray());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack install refused: {Reason}")]
    private static partial void LogBadState(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack install declined on Slack's consent screen ({Error})")]
    private static partial void LogDeclined(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack install failed: oauth.v2.access answered {Error}")]
    private static partial void LogRefused(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack installed in {InstallationId} ({Name}) by {InstalledBy}; token rotation: {Rotating}")]
    private static partial void LogInstalled(ILogger logger, string installationId, string name, string installedBy, bool rotating);
}
