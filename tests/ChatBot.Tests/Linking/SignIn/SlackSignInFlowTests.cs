using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Linking;
using ChatBot.Storage;
using ChatBot.Tests.Browser;
using ChatBot.Tests.Slack;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChatBot.Tests.Linking.SignIn;

/// <summary>
/// Self-service linking from Slack, end to end: signed Slack requests into the real host on Kestrel, the sign-in page
/// in headless chromium, the Keliweb stand-in's password grant, the confirmation at the Slack stand-in, and tickets.
/// </summary>
public sealed class SlackSignInFlowTests
{
    private const string Email = "john@acme.example";

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task UnlinkedTicket_GetsTheButton_ThePageLinksThem_ChatConfirms_AndTheNextTicketUsesTheirAccount(string provider)
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true, provider: provider);
        var browser = await HeadlessChromium.SharedAsync();

        var answer = await SlackSignIn.CommandAsync(host, SlackHost.EnglishUser, "DNS down");
        Assert.Equal("ephemeral", answer["response_type"]!.GetValue<string>());
        Assert.Empty(host.Slack.CallsTo("views.open"));
        var link = SlackSignIn.LinkButton(answer);
        Assert.StartsWith(host.BaseAddress + "link/", link.ToString(), StringComparison.Ordinal);

        var (context, page) = await browser.OpenAsync();
        await using (context)
        {
            var opened = await page.GotoAsync(link.ToString());
            Assert.Equal(200, opened!.Status);
            Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
            await Assertions.Expect(page.Locator(".target")).ToHaveTextAsync("Slack workspace keliweb-customer, user john");
            Assert.Equal(0, await page.Locator("input[name=workspace]").CountAsync());

            await SlackSignIn.FillAndSubmitAsync(page, Email, KeliwebStandIn.UserPassword);

            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Account linked");
            await Assertions.Expect(page.Locator(".done")).ToContainTextAsync("Linked to " + Email);
        }

        var confirmation = await host.WaitForCallsAsync("chat.postMessage", _ => host.Slack.DirectMessagesTo(SlackHost.EnglishUser).Count > 0);
        Assert.Contains("Linked to " + Email, host.Slack.DirectMessagesTo(SlackHost.EnglishUser)[0].Field("text"), StringComparison.Ordinal);

        var link2 = Assert.Single(await host.Factory.Services.GetRequiredService<LinkStore>().ListAsync(default));
        Assert.Equal((ChatPlatforms.Slack, SlackHost.Team, SlackHost.EnglishUser, Email), (link2.Platform, link2.TeamId, link2.UserId, link2.AccountId));
        Assert.Equal(ProvenanceSource.SelfService, link2.Made.Source);
        Assert.Contains(SlackHost.EnglishUser, link2.Made.By, StringComparison.Ordinal);
        var account = Assert.Single(await host.Factory.Services.GetRequiredService<AccountStore>().ListAsync(default));
        Assert.Equal((Email, false, ProvenanceSource.SelfService), (account.Email, account.NeedsLogin, account.Login!.Source));

        // Takes effect at once: the next /ticket opens the form, and the ticket goes out with this person's token.
        Assert.Empty(await SlackSignIn.CommandAsync(host, SlackHost.EnglishUser, "DNS down"));
        var view = Assert.Single(host.Slack.CallsTo("views.open")).Json()["view"]!.AsObject();
        var submission = SlackPayloads.Submission(SlackHost.EnglishUser, "V0LINKED1", view, new()
        {
            ["department"] = SlackPayloads.Select("2"),
            ["message"] = SlackPayloads.Text("Since this morning."),
        });
        using (var submitted = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", submission.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        var ticket = Assert.Single(await host.Keliweb.WaitForTicketsAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal(Email, ticket.TokenOwner);
        Assert.Null(ticket.ClientId);
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(link.Segments[^1], StringComparison.Ordinal) || l.Contains(KeliwebStandIn.UserPassword, StringComparison.Ordinal));
    }
}
