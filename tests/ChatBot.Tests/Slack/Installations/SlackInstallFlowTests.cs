using System.Net;
using System.Text.RegularExpressions;
using ChatBot.Slack.Installations;
using ChatBot.Storage;
using ChatBot.Tests.StandIns;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Slack.Installations;

/// <summary>"Add to Slack" through HTTP with cookies: the install page, Slack's consent (the stand-in), the redirect, the store.</summary>
public sealed partial class SlackInstallFlowTests
{
    private static readonly StandInInstall Keliweb = new(SlackHost.Team, "Keliweb Customer", "U0ADMIN01");

    [Fact]
    public async Task InstallPage_SpeaksTheBrowsersLanguage_AndLinksToSlackWithABoundState()
    {
        await using var host = await SlackHost.StartAsync(addToSlack: true);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/slack/install");
        request.Headers.AcceptLanguage.ParseAdd("it-IT,it;q=0.9,en;q=0.5");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("lang=\"it\"", page, StringComparison.Ordinal);
        Assert.Contains("Aggiungi a Slack", page, StringComparison.Ordinal);
        Assert.Equal(InstallPage.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(InstallEndpoints.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        var link = SlackHost.AddToSlackLink(page);
        Assert.Equal(new Uri(host.Slack.ApiBaseUrl, SlackOAuthStandIn.AuthorizePath).GetLeftPart(UriPartial.Path), link.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(link.Query);
        Assert.Equal(SlackOAuthStandIn.ClientId, query["client_id"].ToString());
        Assert.Equal(string.Join(',', InstallEndpoints.BotScopes), query["scope"].ToString());
        Assert.Equal("http://localhost/slack/oauth_redirect", query["redirect_uri"].ToString());
        Assert.True(query["state"].ToString().Length >= 40);
        Assert.DoesNotContain(query["state"].ToString(), cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallPage_IsEnglishByDefault()
    {
        await using var host = await SlackHost.StartAsync(addToSlack: true);
        var page = await host.Client.GetStringAsync("/slack/install");
        Assert.Contains("Add to Slack", page, StringComparison.Ordinal);
        Assert.Contains("lang=\"en\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Install_StoresTheWorkspaceWithItsTokenEncrypted_AndSaysWhatToDoNext(string provider)
    {
        await using var host = await SlackHost.StartAsync(addToSlack: true, provider: provider);

        using var result = await host.InstallAsync(Keliweb);

        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        var page = await result.Content.ReadAsStringAsync();
        Assert.Contains("Keliweb Customer", page, StringComparison.Ordinal);
        Assert.Contains("/ticket", page, StringComparison.Ordinal);
        var installed = Assert.Single(await Store(host).ListAsync(default));
        Assert.Equal(SlackHost.Team, installed.Id);
        Assert.Equal("U0ADMIN01", installed.InstalledBy);
        Assert.Equal("UB" + SlackHost.Team, installed.BotUserId);
        Assert.Null(installed.TokenExpiresAt);
        Assert.Equal(host.Slack.OAuth.LastToken, (await Store(host).FindTokenAsync(SlackHost.Team, default))!.BotToken);

        // What the database holds is a ciphertext, never the token.
        var database = host.Factory.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync(default);
        var stored = (string?)await connection.ScalarAsync(new SqlStatement("SELECT bot_token FROM slack_installations"), default);
        Assert.NotNull(stored);
        Assert.DoesNotContain("xoxb", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Slack.OAuth.LastToken!, string.Join("\n", host.Logs.Lines), StringComparison.Ordinal);

        // oauth.v2.access got the client credentials by HTTP Basic only, and the same redirect_uri as the authorize step.
        var access = Assert.Single(host.Slack.CallsTo(SlackOAuthStandIn.AccessMethod));
        Assert.StartsWith("Basic ", access.Authorization, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackOAuthStandIn.ClientSecret, access.Body, StringComparison.Ordinal);
        Assert.Equal("http://localhost/slack/oauth_redirect", access.Field("redirect_uri"));
    }

    [Fact]
    public async Task ReusedState_IsRefused_AndStoresNothing()
    {
        await using var host = await SlackHost.StartAsync(addToSlack: true);
        var page = await host.Client.GetStringAsync("/slack/install");
        var state = QueryHelpers.ParseQuery(SlackHost.AddToSlackLink(page).Query)["state"].ToString();
        var redirect = "http://localhost/slack/oauth_redirect";
        using (var first = await host.Client.GetAsync($"/slack/oauth_redirect?code={host.Slack.OAuth.IssueCode(redirect)}&state={state}"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        Assert.True(await Store(host).RemoveAsync(SlackHost.Team, default));
        // The same state again (a replayed or shared link), even with a fresh code and the first page's cookie gone or not.
        _ = await host.Client.GetStringAsync("/slack/install");
        using var again = await host.Client.GetAsync($"/slack/oauth_redirect?code={host.Slack.OAuth.IssueCode(redirect)}&state={state}");

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("no longer valid", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await Store(host).ListAsync(default));
    }

    [Fact]
    public async Task StateOpenedInAnotherBrowser_IsRefused()
    {
        await using var host = await SlackHost.StartAsync(addToSlack: true);
        // Someone's install link, followed by another browser (no cookie of that page): a CSRF attempt.
        var page = await host.Client.GetStringAsync("/slack/install");
        using var slack = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var granted = await slack.GetAsync(SlackHost.AddToSlackLink(page));
        using var other = host.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

        using var response = await other.GetAsync(granted.Headers.Location!.PathAndQuery);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await Store(host).ListAsync(default));
        Assert.Empty(host.Slack.CallsTo(SlackOAuthStandIn.AccessMethod));
    }

    [Fact]
    public async Task DeclinedConsent_SaysCancelled_AndStoresNothing()
    {
        await using var host = await SlackHost.StartAsync(addToSlack: true);
        host.Slack.OAuth.Deny = true;

        using var response = await host.InstallAsync(Keliweb);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Installation cancelled", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await Store(host).ListAsync(default));
        Assert.Empty(host.Slack.CallsTo(SlackOAuthStandIn.AccessMethod));
    }

    [Fact]
    public async Task InvalidCode_ShowsSlacksAnswer_AndStoresNothing()
    {
        await using var host = await SlackHost.StartAsync(addToSlack: true);
        var page = await host.Client.GetStringAsync("/slack/install");
        var state = QueryHelpers.ParseQuery(SlackHost.AddToSlackLink(page).Query)["state"].ToString();

        using var response = await host.Client.GetAsync($"/slack/oauth_redirect?code=forged-code&state={state}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_code", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await Store(host).ListAsync(default));
    }

    [Fact]
    public async Task AWorkspaceNotInstalled_Gets401_UntilItInstalls()
    {
        await using var host = await SlackHost.StartAsync(addToSlack: true);

        using (var before = await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.EnglishUser, host.Slack.IssueTrigger()))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        }

        Assert.Empty(host.Slack.CallsTo("views.open"));
        using (await host.InstallAsync(Keliweb))
        {
        }

        using var after = await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.EnglishUser, host.Slack.IssueTrigger())));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var open = Assert.Single(host.Slack.CallsTo("views.open"));
        Assert.Equal("Bearer " + host.Slack.OAuth.LastToken, open.Authorization);
    }

    [Fact]
    public async Task WithOneBotToken_ThereIsNoInstallPage()
    {
        await using var host = await SlackHost.StartAsync();
        using var response = await host.Client.GetAsync("/slack/install");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task StartupLog_SaysTheModeAndHowManyWorkspaces()
    {
        await using var host = await SlackHost.StartAsync(addToSlack: true);
        _ = host.Client;
        Assert.Matches(StartupLine(), string.Join("\n", host.Logs.Lines));
    }

    [GeneratedRegex(@"Slack enabled, Add to Slack \(OAuth\): 0 workspaces installed; install page http://localhost/slack/install")]
    private static partial Regex StartupLine();

    internal static SlackInstallationStore Store(SlackHost host) => host.Factory.Services.GetRequiredService<SlackInstallationStore>();
}
