using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Slack.Endpoints;
using ChatBot.Slack.Installations;
using ChatBot.Slack.WebApi;
using ChatBot.Tests.Slack;
using ChatBot.Tests.StandIns;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// "Add to Slack" fuzzed from the corpus through the real host: the install page's and the redirect's query strings
/// (a fresh state and cookie per case), oauth.v2.access's answers to a code and to a refresh grant (scripted, read by
/// the real <see cref="SlackOAuthClient"/>), and the uninstall events with installations stored. Never a 5xx (but the
/// redirect's documented 502 page when Slack's answer is no answer), no Error, nothing stored for a refused install,
/// tokens gone only for an accepted uninstall, no token on a page, and every token the bot accepted usable in a call.
/// </summary>
public sealed class SlackInstallFuzzTests(ITestOutputHelper output)
{
    public const string Install = "slack-install";
    public const string OAuthAnswers = "slack-oauth-answers";

    private const string Enterprise = "E0KELIWEB";
    private static readonly string RedirectUri = "http://localhost" + InstallEndpoints.RedirectPath;

    private int unique;

    [Fact]
    public async Task InstallAndRedirectQueries_AreAnsweredWithAPage_AndOnlyAGrantedCodeStores()
    {
        await using var host = await SlackHost.StartAsync(addToSlack: true);
        using var browser = Browser(host);
        var store = host.Factory.Services.GetRequiredService<SlackInstallationStore>();
        var run = new FuzzRun(Install, output, host.Logs);
        foreach (var fuzzCase in run.Cases())
        {
            await run.RunAsync(fuzzCase, async () =>
            {
                var team = "T0FZ" + Interlocked.Increment(ref unique).ToString("D6", CultureInfo.InvariantCulture);
                host.Slack.OAuth.NextInstall = new StandInInstall(team, "Fuzz Customer", "U0ADMIN01");
                var page = fuzzCase.File.Name.StartsWith("install", StringComparison.Ordinal) ? InstallEndpoints.InstallPath : InstallEndpoints.RedirectPath;
                var values = new Dictionary<string, string> { ["code"] = host.Slack.OAuth.IssueCode(RedirectUri) };
                var (status, body) = await SendAsync(browser, fuzzCase, page, values, () => fuzzCase.File.Text(values, Uri.EscapeDataString).Trim(), mutate: true);

                var stored = await store.FindTokenAsync(team, default) is not null;
                CheckPage(fuzzCase, status, body, allow502: false);
                FuzzCheck.That(!stored || status == 200, $"answered {status} but stored an installation");
                var refused = Path.GetFileName(fuzzCase.File.Name).StartsWith("refused-", StringComparison.Ordinal);
                FuzzCheck.That(fuzzCase.Mutated || (refused ? status == 400 : status == 200), $"the unmutated query was answered {status}");
                FuzzCheck.That(fuzzCase.Mutated || stored == (fuzzCase.File.Name == "redirect-code.txt"), $"the unmutated query stored: {stored}");
            });
        }

        run.Finish($"{await CountAsync(store)} installations stored");
    }

    [Fact]
    public async Task OAuthAccessAnswers_ToACode_EndInAPage_AndOnlyAWholeAnswerStores()
    {
        await using var server = await ScriptedAnswerServer.StartAsync();
        await using var host = await SlackHost.StartAsync(addToSlack: true, settings: new Dictionary<string, string?>
        {
            ["Slack:ApiBaseUrl"] = new Uri(server.BaseUrl, "api/").ToString(),
        });
        using var browser = Browser(host);
        var store = host.Factory.Services.GetRequiredService<SlackInstallationStore>();
        var api = host.Factory.Services.GetRequiredService<SlackApiClient>();
        var run = new FuzzRun(OAuthAnswers, output, host.Logs);
        foreach (var fuzzCase in run.Cases("access"))
        {
            await run.RunAsync(fuzzCase, async () =>
            {
                await ForgetAllAsync(store);
                var answers = ScriptedAnswer.ListFrom(fuzzCase.MutateAnswers(JsonNode.Parse(fuzzCase.File.Text(new Dictionary<string, string>()))), fuzzCase);
                var values = new Dictionary<string, string>();
                var (status, body) = await SendAsync(
                    browser, fuzzCase, InstallEndpoints.RedirectPath, values, () => "code=fuzz-code&state=" + Uri.EscapeDataString(values["state"]), mutate: false, () => server.Script(answers));

                CheckPage(fuzzCase, status, body, allow502: true);
                var installed = await store.ListAsync(default);
                var tokens = new List<(SlackInstallation Installation, SlackBotToken Token)>();
                foreach (var installation in installed)
                {
                    if (await store.FindTokenAsync(installation.Id, default) is { } token)
                    {
                        tokens.Add((installation, token));
                    }
                }

                FuzzCheck.That(status == 200 ? tokens.Count == 1 : installed.Count == 0, $"answered {status} with {installed.Count} installation(s) stored");
                var refused = Path.GetFileName(fuzzCase.File.Name).StartsWith("refused-", StringComparison.Ordinal);
                FuzzCheck.That(fuzzCase.Mutated || (refused ? status >= 400 : status == 200), $"the unmutated answer ended in {status}");
                foreach (var (installation, token) in tokens)
                {
                    FuzzCheck.That(!body.Contains(token.BotToken, StringComparison.Ordinal), "the page shows the bot token");
                    await UseAsync(server, api, new SlackWorkspace(installation.Id, installation.TeamId ?? installation.Id), fuzzCase);
                }
            });
        }

        run.Finish();
    }

    [Fact]
    public async Task OAuthRefreshAnswers_AreHandled_AndOnlyAWholeAnswerReplacesTheToken()
    {
        await using var server = await ScriptedAnswerServer.StartAsync();
        await using var host = await SlackHost.StartAsync(addToSlack: true, settings: new Dictionary<string, string?>
        {
            ["Slack:ApiBaseUrl"] = new Uri(server.BaseUrl, "api/").ToString(),
        });
        var store = host.Factory.Services.GetRequiredService<SlackInstallationStore>();
        var tokens = host.Factory.Services.GetRequiredService<InstalledSlackTokens>();
        var api = host.Factory.Services.GetRequiredService<SlackApiClient>();
        var workspace = SlackWorkspace.OfTeam(SlackHost.Team);
        var run = new FuzzRun(OAuthAnswers, output, host.Logs);
        foreach (var fuzzCase in run.Cases("refresh"))
        {
            await run.RunAsync(fuzzCase, async () =>
            {
                // Every other case the old token has already expired: then only a new one can answer.
                var expired = fuzzCase.Index % 2 == 1;
                var old = new SlackBotToken("xoxe.xoxb-1-old", "xoxe-1-old", DateTimeOffset.UtcNow + (expired ? TimeSpan.FromMinutes(-1) : TimeSpan.FromMinutes(1)));
                await store.SaveAsync(Installation(SlackHost.Team, enterprise: false), old, default);
                server.Script(ScriptedAnswer.ListFrom(fuzzCase.MutateAnswers(JsonNode.Parse(fuzzCase.File.Text(new Dictionary<string, string>()))), fuzzCase));

                string? token;
                try
                {
                    token = await tokens.BotTokenAsync(workspace, default);
                }
                catch (SlackTokenUnavailableException)
                {
                    // Slack gave no usable answer and the old token is spent: the caller's "try again later".
                    FuzzCheck.That(expired, "threw SlackTokenUnavailableException while the old token was still valid");
                    token = null;
                }

                fuzzCase.Note("→ " + (token is null ? "no token" : token == old.BotToken ? "the old token" : "a new token"));
                var now = await store.FindTokenAsync(SlackHost.Team, default);
                FuzzCheck.That(!expired || token != old.BotToken, "handed out the expired token");
                FuzzCheck.That(token is null || token == old.BotToken || now?.BotToken == token, "handed out a new token the store does not hold");
                var refused = Path.GetFileName(fuzzCase.File.Name).StartsWith("refused-", StringComparison.Ordinal);
                FuzzCheck.That(fuzzCase.Mutated || (refused ? token is null || token == old.BotToken : token is not null && token != old.BotToken),
                    $"the unmutated answer gave {token ?? "no token"}");
                if (token is not null && token != old.BotToken)
                {
                    await UseAsync(server, api, workspace, fuzzCase);
                }
            });
        }

        run.Finish();
    }

    [Fact]
    public async Task SignedMutatedEvents_InAddToSlackMode_DeleteTokensOnlyWhenAccepted()
    {
        await using var host = await SlackHost.StartAsync(addToSlack: true);
        var store = host.Factory.Services.GetRequiredService<SlackInstallationStore>();
        var run = new FuzzRun(SlackRequestFuzzTests.Events, output, host.Logs);
        foreach (var fuzzCase in run.Cases())
        {
            await run.RunAsync(fuzzCase, async () =>
            {
                await store.SaveAsync(Installation(SlackHost.Team, enterprise: false), new SlackBotToken("xoxb-fuzz-team", null, null), default);
                await store.SaveAsync(Installation(Enterprise, enterprise: true), new SlackBotToken("xoxb-fuzz-enterprise", null, null), default);
                var values = new Dictionary<string, string> { ["uniqueId"] = Guid.NewGuid().ToString("N") };
                var body = fuzzCase.Bytes(fuzzCase.MutateJson(JsonNode.Parse(fuzzCase.File.Text(values))));

                using var response = await host.SendAsync(host.Signer.Sign(SlackEndpoints.EventsPath, body, "application/json"));

                var status = (int)response.StatusCode;
                var team = await store.FindTokenAsync(SlackHost.Team, default) is not null;
                var enterprise = await store.FindTokenAsync(Enterprise, default) is not null;
                fuzzCase.Note($"→ {status}, team installed: {team}, enterprise installed: {enterprise}");
                FuzzCheck.That(status < 500, $"answered {status}: {await response.Content.ReadAsStringAsync()}");
                FuzzCheck.That(status < 400 || (team && enterprise), $"refused with {status} but deleted tokens");
                FuzzCheck.That(team || enterprise, "one event deleted the tokens of two installations");
                if (!fuzzCase.Mutated)
                {
                    var name = fuzzCase.File.Name;
                    FuzzCheck.That(response.IsSuccessStatusCode, $"the unmutated event was refused with {status}");
                    FuzzCheck.That(team == !(name.Contains("app_uninstalled.json", StringComparison.Ordinal) || name.Contains("tokens_revoked", StringComparison.Ordinal)), "the team's tokens: " + team);
                    FuzzCheck.That(enterprise == !name.Contains("enterprise", StringComparison.Ordinal), "the organization's tokens: " + enterprise);
                }
            });
        }

        run.Finish();
    }

    /// <summary>A browser without a cookie jar: the case decides what cookie goes back.</summary>
    private static HttpClient Browser(SlackHost host) =>
        host.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>
    /// Opens the install page for a fresh state and cookie (the state into <paramref name="values"/>), and sends the
    /// <paramref name="query"/> then made to <paramref name="path"/>, mutated with <paramref name="mutate"/>: now and
    /// then the cookie is dropped or changed too.
    /// </summary>
    private static async Task<(int Status, string Body)> SendAsync(
        HttpClient browser, FuzzCase fuzzCase, string path, Dictionary<string, string> values, Func<string> query, bool mutate, Action? script = null)
    {
        using var install = await browser.GetAsync(new Uri(InstallEndpoints.InstallPath, UriKind.Relative));
        var installPage = await install.Content.ReadAsStringAsync();
        FuzzCheck.That(install.StatusCode == HttpStatusCode.OK, $"the install page answered {(int)install.StatusCode}");
        values["state"] = QueryHelpers.ParseQuery(SlackHost.AddToSlackLink(installPage).Query)["state"].ToString();
        var cookie = install.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(InstallEndpoints.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];

        var sent = query();
        if (mutate)
        {
            sent = Encoding.UTF8.GetString(fuzzCase.MaybeBreak(Encoding.UTF8.GetBytes(fuzzCase.MutateForm(sent))));
            if (fuzzCase.Mutated && fuzzCase.Random.Next(8) == 0)
            {
                cookie = fuzzCase.Random.Next(2) == 0 ? "" : InstallEndpoints.CookieName + "=" + new string('A', 43);
                fuzzCase.Note("cookie " + (cookie.Length == 0 ? "dropped" : "replaced"));
            }
        }

        script?.Invoke();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path + "?" + sent, UriKind.Relative));
        if (cookie.Length > 0)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await browser.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void CheckPage(FuzzCase fuzzCase, int status, string body, bool allow502)
    {
        fuzzCase.Note($"→ {status}");
        FuzzCheck.That(status < 500 || (allow502 && status == 502), $"answered {status}: {body[..Math.Min(body.Length, 300)]}");
        FuzzCheck.That(body.StartsWith("<!DOCTYPE html>", StringComparison.OrdinalIgnoreCase), "the answer is not a page: " + body[..Math.Min(body.Length, 300)]);
        // A token's prefix; not "xox" alone, which a random state on the install page now and then contains.
        FuzzCheck.That(!System.Text.RegularExpressions.Regex.IsMatch(body, "xox[abpe][.-]"), "a token is on the page");
    }

    /// <summary>A token the bot accepted must be one it can send: one users.info with it ends in a result, not an exception.</summary>
    private static async Task UseAsync(ScriptedAnswerServer server, SlackApiClient api, SlackWorkspace workspace, FuzzCase fuzzCase)
    {
        server.Script([new ScriptedAnswer(200, new Dictionary<string, string>(), """{"ok":false,"error":"user_not_found"}"""u8.ToArray())]);
        var result = await api.GetUserAsync(workspace, SlackHost.EnglishUser, default);
        fuzzCase.Note("users.info → " + result.Describe());
    }

    private static SlackInstallation Installation(string id, bool enterprise) => new(
        id, enterprise ? null : id, enterprise ? null : "Keliweb Customer", enterprise ? id : null, enterprise ? "Keliweb Group" : null, enterprise,
        "A0CHATBOT", "UB0KELIWEB", "commands,chat:write", "U0ADMIN01", DateTimeOffset.UtcNow);

    private static async Task ForgetAllAsync(SlackInstallationStore store)
    {
        foreach (var installation in await store.ListAsync(default))
        {
            await store.RemoveAsync(installation.Id, default);
        }
    }

    private static async Task<int> CountAsync(SlackInstallationStore store) => (await store.ListAsync(default)).Count;
}
