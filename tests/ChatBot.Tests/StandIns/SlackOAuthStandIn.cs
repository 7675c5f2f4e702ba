using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatBot.Tests.StandIns;

/// <summary>
/// Slack's side of "Add to Slack", as strict as Slack: the consent screen (<see cref="AuthorizePath"/>) sends the
/// browser back with a single-use code for the workspace queued in <see cref="NextInstall"/> (or with
/// <c>error=access_denied</c> when <see cref="Deny"/>), and oauth.v2.access wants the client credentials by HTTP Basic,
/// the same redirect_uri, an unused code no older than 10 minutes, and with rotation a refresh token used once only.
/// Each new bot token is registered for its workspace in the API stand-in, so only that workspace's data answers it.
/// </summary>
public sealed class SlackOAuthStandIn
{
    public const string AuthorizePath = "/oauth/v2/authorize";
    public const string AccessMethod = "oauth.v2.access";
    public const string ClientId = "1234567890.0987654321";
    public const string ClientSecret = "standin-client-secret";

    private readonly ConcurrentDictionary<string, (StandInInstall Install, string RedirectUri)> codes = new();
    private readonly ConcurrentDictionary<string, StandInInstall> refreshTokens = new();
    private int counter;
    private int refreshes;

    /// <summary>The workspace the next consent grants.</summary>
    public StandInInstall NextInstall { get; set; } = new(SlackApiStandIn.DefaultTeam, "Keliweb", "U0INSTALLER");

    /// <summary>The person declines on the consent screen.</summary>
    public bool Deny { get; set; }

    /// <summary>How long a refresh grant takes to answer: a window for concurrent callers to race into.</summary>
    public TimeSpan RefreshDelay { get; set; }

    /// <summary>The lifetime of the tokens a refresh grant hands out.</summary>
    public int RefreshedLifetimeSeconds { get; set; } = 43_200;

    /// <summary>Refresh grants answered ok (a second use of a refresh token is refused and not counted).</summary>
    public int Refreshes => Volatile.Read(ref refreshes);

    /// <summary>Refresh grants refused because the refresh token was already spent: a double refresh.</summary>
    public int SpentRefreshes { get; private set; }

    /// <summary>The last bot token handed out (by a code or a refresh).</summary>
    public string? LastToken { get; private set; }

    public IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        var redirect = query["redirect_uri"].ToString();
        if (query["client_id"] != ClientId || redirect.Length == 0)
        {
            return Results.Text("invalid_client_id", statusCode: 400);
        }

        var state = Uri.EscapeDataString(query["state"].ToString());
        if (Deny)
        {
            return Results.Redirect($"{redirect}?error=access_denied&state={state}");
        }

        var code = $"code-{Interlocked.Increment(ref counter)}-{Guid.NewGuid():N}";
        codes[code] = (NextInstall with { Scopes = query["scope"].ToString() }, redirect);
        return Results.Redirect($"{redirect}?code={code}&state={state}");
    }

    /// <summary>A code the stand-in issued as if the consent screen had been passed, for flows that skip the browser.</summary>
    public string IssueCode(string redirectUri)
    {
        var code = $"code-{Interlocked.Increment(ref counter)}-{Guid.NewGuid():N}";
        codes[code] = (NextInstall, redirectUri);
        return code;
    }

    internal async Task<IResult> AccessAsync(SlackApiCall call, SlackApiStandIn api)
    {
        if (call.Authorization != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}")))
        {
            return SlackApiStandIn.Error(call.Authorization.StartsWith("Basic ", StringComparison.Ordinal) ? "bad_client_secret" : "invalid_client_id");
        }

        var form = QueryHelpers.ParseQuery(call.Body);
        if (form.TryGetValue("grant_type", out var grant) && grant == "refresh_token")
        {
            if (RefreshDelay > TimeSpan.Zero)
            {
                await Task.Delay(RefreshDelay);
            }

            if (!refreshTokens.TryRemove(form["refresh_token"].ToString(), out var rotating))
            {
                SpentRefreshes++;
                return SlackApiStandIn.Error("invalid_refresh_token");
            }

            Interlocked.Increment(ref refreshes);
            // Slack's rotated tokens live 12 hours, whatever the first one's lifetime was.
            return Answer(rotating with { TokenLifetimeSeconds = RefreshedLifetimeSeconds }, api);
        }

        if (!codes.TryRemove(form["code"].ToString(), out var issued))
        {
            return SlackApiStandIn.Error("invalid_code");
        }

        return issued.RedirectUri != form["redirect_uri"].ToString() ? SlackApiStandIn.Error("bad_redirect_uri") : Answer(issued.Install, api);
    }

    private IResult Answer(StandInInstall install, SlackApiStandIn api)
    {
        var n = Interlocked.Increment(ref counter);
        var rotating = install.TokenLifetimeSeconds is not null;
        var token = (rotating ? "xoxe.xoxb-" : "xoxb-") + $"{install.Team}-{n}";
        api.Tokens[token] = install.Team;
        string? refresh = null;
        if (rotating)
        {
            refresh = $"xoxe-1-{install.Team}-{n}";
            refreshTokens[refresh] = install;
        }

        LastToken = token;
        return Results.Json(new
        {
            ok = true,
            access_token = token,
            token_type = "bot",
            scope = install.Scopes ?? "commands,chat:write",
            bot_user_id = "UB" + install.Team,
            app_id = "A0STANDIN",
            team = new { id = install.Team, name = install.Name },
            enterprise = (object?)null,
            is_enterprise_install = false,
            authed_user = new { id = install.InstalledBy },
            refresh_token = refresh,
            expires_in = install.TokenLifetimeSeconds,
        });
    }
}

/// <param name="TokenLifetimeSeconds">With a value, token rotation is on: tokens expire and come with a refresh token.</param>
public sealed record StandInInstall(string Team, string Name, string InstalledBy, int? TokenLifetimeSeconds = null, string? Scopes = null);
