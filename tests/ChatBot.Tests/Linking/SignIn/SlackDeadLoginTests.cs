using System.Net;
using ChatBot.Operations;
using ChatBot.Tests.Browser;
using ChatBot.Tests.Slack;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChatBot.Tests.Linking.SignIn;

/// <summary>
/// When a login dies: the Slack user's submission waits ("waiting for a Keliweb sign-in" in outbox list), they are told
/// once with a fresh button, they sign in again on the page, and the ticket opens exactly once.
/// </summary>
public sealed class SlackDeadLoginTests
{
    private const string Email = "john@acme.example";

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task RefreshRefused_SubmissionWaits_ThePersonSignsInAgain_AndTheTicketOpensExactlyOnce(string provider)
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true, provider: provider);
        var browser = await HeadlessChromium.SharedAsync();
        await SignInAsync(browser, await SignInSteps.LinkForAsync(host, SlackHost.EnglishUser), Email);
        await host.Keliweb.ExpireAccessTokensAsync();
        await host.Keliweb.RevokeRefreshTokensAsync();

        await SubmitTicketAsync(host, "V0DEAD0001", "Mail bounces");

        var told = await host.WaitForCallsAsync("chat.postEphemeral", c => c.Any(p => p.Body.Contains("sign-in has expired", StringComparison.Ordinal)));
        var notice = told.Single(p => p.Body.Contains("sign-in has expired", StringComparison.Ordinal));
        Assert.Equal(SlackHost.EnglishUser, notice.Field("user"));
        Assert.Contains("Sign in again as " + Email, notice.Field("text"), StringComparison.Ordinal);
        var relink = SignInSteps.LinkButton(notice.Json());
        Assert.Empty(await host.Keliweb.GetTicketsAsync());
        Assert.DoesNotContain(host.Slack.CallsTo("chat.postMessage"), p => p.Body.Contains("Mail bounces", StringComparison.Ordinal));

        var list = await OutboxListAsync(host);
        Assert.Contains("Accepted", list, StringComparison.Ordinal);
        Assert.Contains("waiting for a Keliweb sign-in (account " + Email + ")", list, StringComparison.Ordinal);

        await SignInAsync(browser, relink, Email);

        var ticket = Assert.Single(await host.Keliweb.WaitForTicketsAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal("Mail bounces", ticket.Subject);
        Assert.Equal(Email, ticket.TokenOwner);
        await host.WaitForCallsAsync("chat.postMessage", c => c.Any(p => p.Body.Contains(ticket.Tid, StringComparison.Ordinal)));
        // The notice is posted before the row is written Announced: wait for the write.
        var outbox = host.Factory.Services.GetRequiredService<TicketOutbox>();
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while ((await outbox.ListAsync(10, default)) is not [{ State: SubmissionState.Announced }] && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        Assert.Equal(SubmissionState.Announced, Assert.Single(await outbox.ListAsync(10, default)).State);
        Assert.Single(await host.Keliweb.GetTicketsAsync());
        Assert.Single(host.Slack.CallsTo("chat.postEphemeral"), p => p.Body.Contains("sign-in has expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WorkspaceLinkDies_AnAdminGetsTheButton_OthersAreToldWhoMustSignIn()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true);
        host.Slack.Users[SlackHost.EnglishUser] = host.Slack.Users[SlackHost.EnglishUser] with { IsAdmin = true };
        var browser = await HeadlessChromium.SharedAsync();
        await SignInAsync(browser, await SignInSteps.LinkForAsync(host, SlackHost.EnglishUser), "it@acme.example", wholeWorkspace: true);
        await host.Keliweb.ExpireAccessTokensAsync();
        await host.Keliweb.RevokeRefreshTokensAsync();

        await SubmitTicketAsync(host, "V0DEADWS01", "Backups", SlackHost.ItalianUser);
        var member = (await host.WaitForCallsAsync("chat.postEphemeral", c => c.Any(p => p.Field("user") == SlackHost.ItalianUser))).Single(p => p.Field("user") == SlackHost.ItalianUser);
        await SubmitTicketAsync(host, "V0DEADWS02", "Invoices", SlackHost.EnglishUser);
        var admin = (await host.WaitForCallsAsync("chat.postEphemeral", c => c.Any(p => p.Field("user") == SlackHost.EnglishUser))).Single(p => p.Field("user") == SlackHost.EnglishUser);

        Assert.Contains("Un amministratore o proprietario del workspace deve accedere di nuovo", member.Field("text"), StringComparison.Ordinal);
        Assert.Contains("l'ha collegato john", member.Field("text"), StringComparison.Ordinal);
        Assert.Empty(SignInSteps.Buttons(member.Json()));
        Assert.Contains("tick “Link the whole workspace”", admin.Field("text"), StringComparison.Ordinal);
        var relink = SignInSteps.LinkButton(admin.Json());

        // The admin signs the workspace's account in again: both waiting tickets go out, once each.
        await SignInAsync(browser, relink, "it@acme.example", wholeWorkspace: true);
        var tickets = await host.Keliweb.WaitForTicketsAsync(2, TimeSpan.FromSeconds(30));
        Assert.Equal(["Backups", "Invoices"], tickets.Select(t => t.Subject).Order());
        Assert.All(tickets, t => Assert.Equal("it@acme.example", t.TokenOwner));
    }

    private static async Task SignInAsync(HeadlessChromium browser, Uri link, string email, bool wholeWorkspace = false)
    {
        var (context, page) = await browser.OpenAsync();
        await using (context)
        {
            await page.GotoAsync(link.ToString());
            await SignInSteps.FillAndSubmitAsync(page, email, KeliwebStandIn.UserPassword, wholeWorkspace);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Account linked");
        }
    }

    private static async Task SubmitTicketAsync(SlackHost host, string viewId, string subject, string user = SlackHost.EnglishUser)
    {
        var opens = host.Slack.CallsTo("views.open").Count;
        Assert.Empty(await SignInSteps.CommandAsync(host, user, subject));
        var view = host.Slack.CallsTo("views.open")[opens].Json()["view"]!.AsObject();
        var submission = SlackPayloads.Submission(user, viewId, view, new()
        {
            ["department"] = SlackPayloads.Select("2"),
            ["message"] = SlackPayloads.Text("Since this morning."),
        });
        using var response = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", submission.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string> OutboxListAsync(SlackHost host)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter();
        var exit = await OperatorCommand.RunAsync(host.Factory.Services, ["outbox", "list"], new OperatorConsole(new StringReader(""), output, error, inputIsTerminal: false), default);
        Assert.Equal(0, exit);
        return output.ToString();
    }
}
