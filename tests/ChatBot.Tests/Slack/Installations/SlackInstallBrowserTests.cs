using System.Text.Json.Nodes;
using ChatBot.Slack.Installations;
using ChatBot.Tests.Browser;
using ChatBot.Tests.StandIns;
using Microsoft.Playwright;

namespace ChatBot.Tests.Slack.Installations;

/// <summary>The install flow in a real browser (headless chromium): its language, its cookie, Slack's consent and back.</summary>
public sealed class SlackInstallBrowserTests
{
    [Fact]
    public async Task AnItalianBrowser_InstallsTheApp_AndIsToldWhatToDoNext()
    {
        await using var host = await SlackHost.StartAsync(addToSlack: true, signIn: true);
        host.Slack.OAuth.NextInstall = new StandInInstall(SlackHost.Team, "Cliente Keliweb", "U0ADMIN01");
        var (context, page) = await (await HeadlessChromium.SharedAsync()).OpenAsync(locale: "it-IT");
        await using (context)
        {
            await page.GotoAsync(new Uri(host.BaseAddress!, "slack/install").ToString());
            Assert.Equal("it", await page.Locator("html").GetAttributeAsync("lang"));
            await Assertions.Expect(page.Locator("#add-to-slack")).ToHaveTextAsync("Aggiungi a Slack");

            await page.Locator("#add-to-slack").ClickAsync();
            await page.WaitForURLAsync("**/slack/oauth_redirect**");
            var redirect = page.Url;

            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Installato");
            await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync("Il bot è installato in Cliente Keliweb.");
            Assert.Contains("/ticket", await page.ContentAsync(), StringComparison.Ordinal);

            // The same redirect again (reloaded, or from the history): the state is spent.
            var again = await page.GotoAsync(redirect);
            Assert.Equal(400, again!.Status);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Questo link di installazione non è più valido");
        }

        var installed = Assert.Single(await SlackInstallFlowTests.Store(host).ListAsync(default));
        Assert.Equal("Cliente Keliweb", installed.Name);
    }

    [Fact]
    public void Manifest_HasTheRedirectUrl_AndTheScopesTheInstallAsksFor()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "manifests", "slack", "manifest.json")))!;
        var redirect = Assert.Single(manifest["oauth_config"]!["redirect_urls"]!.AsArray());
        Assert.EndsWith(InstallEndpoints.RedirectPath, redirect!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(InstallEndpoints.BotScopes, manifest["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Contains("app_uninstalled", manifest["settings"]!["event_subscriptions"]!["bot_events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Contains("tokens_revoked", manifest["settings"]!["event_subscriptions"]!["bot_events"]!.AsArray().Select(e => e!.GetValue<string>()));
    }
}
