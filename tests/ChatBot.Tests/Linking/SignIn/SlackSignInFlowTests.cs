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

        var answer = await SignInSteps.CommandAsync(host, SlackHost.EnglishUser, "DNS down");
        Assert.Equal("ephemeral", answer["response_type"]!.GetValue<string>());
        Assert.Empty(host.Slack.CallsTo("views.open"));
        var link = SignInSteps.LinkButton(answer);
        Assert.StartsWith(host.BaseAddress + "link/", link.ToString(), StringComparison.Ordinal);

        var (context, page) = await browser.OpenAsync();
        await using (context)
        {
            var opened = await page.GotoAsync(link.ToString());
            Assert.Equal(200, opened!.Status);
            Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
            await Assertions.Expect(page.Locator(".target")).ToHaveTextAsync("Slack workspace keliweb-customer, user john");
            Assert.Equal(0, await page.Locator("input[name=workspace]").CountAsync());

            await SignInSteps.FillAndSubmitAsync(page, Email, KeliwebStandIn.UserPassword);

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
        Assert.Empty(await SignInSteps.CommandAsync(host, SlackHost.EnglishUser, "DNS down"));
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

    [Fact]
    public async Task WrongPassword_PageSaysSo_KeepsTheForm_AndLinksNothing()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true);
        var link = await SignInSteps.LinkForAsync(host, SlackHost.EnglishUser);
        var (context, page) = await (await HeadlessChromium.SharedAsync()).OpenAsync();
        await using (context)
        {
            await page.GotoAsync(link.ToString());
            var answer = await page.RunAndWaitForResponseAsync(
                () => SignInSteps.FillAndSubmitAsync(page, Email, "not-the-password"), r => r.Request.Method == "POST");

            Assert.Equal(422, answer.Status);
            await Assertions.Expect(page.Locator("[role=alert]")).ToHaveTextAsync("The email or password is not right. 4 tries left.");
            await Assertions.Expect(page.Locator("input[name=email]")).ToHaveValueAsync(Email);
            await Assertions.Expect(page.Locator("input[name=password]")).ToHaveValueAsync("");

            // The same page still works with the right password.
            await SignInSteps.FillAndSubmitAsync(page, Email, KeliwebStandIn.UserPassword);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Account linked");
        }

        Assert.Single(await host.Factory.Services.GetRequiredService<LinkStore>().ListAsync(default));
    }

    [Fact]
    public async Task WrongPasswordOnly_LinksNothing()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true);
        var link = await SignInSteps.LinkForAsync(host, SlackHost.EnglishUser);
        var (context, page) = await (await HeadlessChromium.SharedAsync()).OpenAsync();
        await using (context)
        {
            await page.GotoAsync(link.ToString());
            await SignInSteps.FillAndSubmitAsync(page, Email, "not-the-password");
            await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("not right");
        }

        Assert.Empty(await host.Factory.Services.GetRequiredService<LinkStore>().ListAsync(default));
        Assert.Empty(await host.Factory.Services.GetRequiredService<AccountStore>().ListAsync(default));
        Assert.Empty(host.Slack.DirectMessagesTo(SlackHost.EnglishUser));
    }

    [Fact]
    public async Task FiveWrongPasswords_SpendTheLink_EvenForTheRightPasswordAfter()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true);
        var link = await SignInSteps.LinkForAsync(host, SlackHost.EnglishUser);
        var (context, page) = await (await HeadlessChromium.SharedAsync()).OpenAsync();
        await using (context)
        {
            await page.GotoAsync(link.ToString());
            for (var i = 1; i <= 4; i++)
            {
                await SignInSteps.FillAndSubmitAsync(page, Email, "wrong-" + i);
                await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync($"{5 - i} tr");
            }

            var fifth = await page.RunAndWaitForResponseAsync(() => SignInSteps.FillAndSubmitAsync(page, Email, "wrong-5"), r => r.Request.Method == "POST");
            Assert.Equal(410, fifth.Status);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("This link no longer works");
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("/ticket link");

            var again = await page.GotoAsync(link.ToString());
            Assert.Equal(410, again!.Status);
            Assert.Equal(0, await page.Locator("form").CountAsync());
        }

        Assert.Empty(await host.Factory.Services.GetRequiredService<LinkStore>().ListAsync(default));
        Assert.Equal(5, (await host.Keliweb.GetTokenRequestsAsync()).Count(r => r.GrantType == "password"));
    }

    [Fact]
    public async Task ExpiredLink_Gets410_SayingHowToGetANewOne()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true);
        var link = await SignInSteps.LinkForAsync(host, SlackHost.EnglishUser);
        await SignInSteps.ExpireAsync(host, link);

        var (context, page) = await (await HeadlessChromium.SharedAsync()).OpenAsync();
        await using (context)
        {
            var opened = await page.GotoAsync(link.ToString());
            Assert.Equal(410, opened!.Status);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("This link has expired");
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("For a new link, use /ticket link.");
        }
    }

    [Fact]
    public async Task UsedLink_Gets410_AndSignsNobodyInAgain()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true);
        var link = await SignInSteps.LinkForAsync(host, SlackHost.EnglishUser);
        var (context, page) = await (await HeadlessChromium.SharedAsync()).OpenAsync();
        await using (context)
        {
            await page.GotoAsync(link.ToString());
            await SignInSteps.FillAndSubmitAsync(page, Email, KeliwebStandIn.UserPassword);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Account linked");

            var again = await page.GotoAsync(link.ToString());
            Assert.Equal(410, again!.Status);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("This link was already used");
        }

        // A form kept open elsewhere and sent later: the code is spent, whatever it carries.
        using var late = await SignInHttp.PostAsync(SignInHttp.Client(), link, null, ("email", "someone@else.example"), ("password", KeliwebStandIn.UserPassword));
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);

        Assert.Equal(1, (await host.Keliweb.GetTokenRequestsAsync()).Count(r => r.GrantType == "password"));
    }

    [Fact]
    public async Task ItalianUser_GetsTheItalianPage_WhateverTheBrowsersLanguage_AndAnItalianConfirmation()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true);
        var answer = await SignInSteps.CommandAsync(host, SlackHost.ItalianUser, "link");
        Assert.Contains("Accedi con email e password Keliweb", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var link = SignInSteps.LinkButton(answer);
        Assert.Contains("Collega il tuo account Keliweb", answer.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);

        var (context, page) = await (await HeadlessChromium.SharedAsync()).OpenAsync(locale: "en-GB");
        await using (context)
        {
            await page.GotoAsync(link.ToString());
            Assert.Equal("it", await page.Locator("html").GetAttributeAsync("lang"));
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Collega il tuo account Keliweb");
            await Assertions.Expect(page.Locator(".target")).ToHaveTextAsync("Workspace Slack keliweb-customer, utente giulia");
            await Assertions.Expect(page.GetByLabel("Email Keliweb")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("Password Keliweb")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("button[type=submit]")).ToHaveTextAsync("Collega account");

            await SignInSteps.FillAndSubmitAsync(page, "giulia@acme.example", "sbagliata");
            await Assertions.Expect(page.Locator("[role=alert]")).ToHaveTextAsync("Email o password non corretti. Restano 4 tentativi.");
            await SignInSteps.FillAndSubmitAsync(page, "giulia@acme.example", KeliwebStandIn.UserPassword);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Account collegato");
        }

        await host.WaitForCallsAsync("chat.postMessage", _ => host.Slack.DirectMessagesTo(SlackHost.ItalianUser).Count > 0);
        Assert.Equal(
            "Collegato a giulia@acme.example: i ticket che apri qui ora vanno a questo account Keliweb.",
            host.Slack.DirectMessagesTo(SlackHost.ItalianUser)[0].Field("text"));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task WorkspaceAdmin_TicksTheOption_AndLinksTheWholeWorkspace(string provider)
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true, provider: provider);
        host.Slack.Users[SlackHost.EnglishUser] = host.Slack.Users[SlackHost.EnglishUser] with { IsAdmin = true };
        var link = await SignInSteps.LinkForAsync(host, SlackHost.EnglishUser);

        var (context, page) = await (await HeadlessChromium.SharedAsync()).OpenAsync();
        await using (context)
        {
            await page.GotoAsync(link.ToString());
            await Assertions.Expect(page.GetByLabel("Link the whole workspace keliweb-customer")).ToBeVisibleAsync();
            await SignInSteps.FillAndSubmitAsync(page, "it@acme.example", KeliwebStandIn.UserPassword, wholeWorkspace: true);
            await Assertions.Expect(page.Locator(".done")).ToContainTextAsync("The whole workspace keliweb-customer is linked to it@acme.example");
        }

        var stored = Assert.Single(await host.Factory.Services.GetRequiredService<LinkStore>().ListAsync(default));
        Assert.True(stored.IsWorkspaceLink);
        Assert.Equal("it@acme.example", stored.AccountId);

        // Everyone in the workspace is served now: another member's /ticket opens the form.
        Assert.Empty(await SignInSteps.CommandAsync(host, SlackHost.ItalianUser, "Posta"));
        Assert.Single(host.Slack.CallsTo("views.open"));
    }

    [Fact]
    public async Task NonAdmin_WhoForgesTheWorkspaceField_GetsAUserLinkOnly()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true);
        var link = await SignInSteps.LinkForAsync(host, SlackHost.EnglishUser);
        using var browser = SignInHttp.Client();
        var form = await SignInHttp.OpenFormAsync(browser, link);
        Assert.DoesNotContain("name=\"workspace\"", form.Html, StringComparison.Ordinal);

        using var posted = await SignInHttp.PostAsync(browser, link, form.Token, ("email", Email), ("password", KeliwebStandIn.UserPassword), ("workspace", "on"));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var stored = Assert.Single(await host.Factory.Services.GetRequiredService<LinkStore>().ListAsync(default));
        Assert.Equal(SlackHost.EnglishUser, stored.UserId);
    }

    [Fact]
    public async Task PostWithoutTheAntiforgeryToken_IsRefused_AndCostsNoTry()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true);
        var link = await SignInSteps.LinkForAsync(host, SlackHost.EnglishUser);
        using var browser = SignInHttp.Client();
        var form = await SignInHttp.OpenFormAsync(browser, link);

        using var noToken = await SignInHttp.PostAsync(browser, link, null, ("email", Email), ("password", KeliwebStandIn.UserPassword));
        using var foreignToken = await SignInHttp.PostAsync(SignInHttp.Client(), link, form.Token, ("email", Email), ("password", KeliwebStandIn.UserPassword));

        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Contains("Please open the link again", await noToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, foreignToken.StatusCode);
        Assert.Empty(await host.Factory.Services.GetRequiredService<LinkStore>().ListAsync(default));
        Assert.Empty(await host.Keliweb.GetTokenRequestsAsync());

        using var fine = await SignInHttp.PostAsync(browser, link, form.Token, ("email", Email), ("password", KeliwebStandIn.UserPassword));
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task KeliwebUnreachable_PageSaysTryLater_AndTheLinkStillWorks()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true);
        var link = await SignInSteps.LinkForAsync(host, SlackHost.EnglishUser);
        await host.Keliweb.FailNextAsync(KeliwebStandIn.Token, StandInFault.Http(503));
        using var browser = SignInHttp.Client();
        var form = await SignInHttp.OpenFormAsync(browser, link);

        using var down = await SignInHttp.PostAsync(browser, link, form.Token, ("email", Email), ("password", KeliwebStandIn.UserPassword));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.NotNull(down.Headers.RetryAfter);
        Assert.Contains("Keliweb can&#x27;t be reached right now", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var again = await SignInHttp.OpenFormAsync(browser, link);
        using var up = await SignInHttp.PostAsync(browser, link, again.Token, ("email", Email), ("password", KeliwebStandIn.UserPassword));
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Single(await host.Factory.Services.GetRequiredService<LinkStore>().ListAsync(default));
    }

    [Fact]
    public async Task ThePage_HasNoScriptAndNoOtherOrigin_AndSendsItsProtectiveHeaders()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true);
        // A display name that tries to be markup must come out as text.
        host.Slack.Users[SlackHost.EnglishUser] = host.Slack.Users[SlackHost.EnglishUser] with { Name = "<script>alert(1)</script>\"><img src=x>" };
        var link = await SignInSteps.LinkForAsync(host, SlackHost.EnglishUser);
        using var client = SignInHttp.Client();

        using var response = await client.GetAsync(link);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("http", csp, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("<[a-z]+[^>]*\\s(src|href)\\s*=", html);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RateLimits_PerAddressAndPerLink_Answer429WithRetryAfter()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true, settings: new Dictionary<string, string?>
        {
            ["SignIn:MaxAttemptsPerAddress"] = "2",
            ["SignIn:MaxRequestsPerCode"] = "4",
        });
        var first = await SignInSteps.LinkForAsync(host, SlackHost.EnglishUser);
        using var client = SignInHttp.Client();
        var form = await SignInHttp.OpenFormAsync(client, first);
        for (var i = 0; i < 2; i++)
        {
            using var attempt = await SignInHttp.PostAsync(client, first, form.Token, ("email", Email), ("password", "wrong"));
            Assert.Equal((HttpStatusCode)422, attempt.StatusCode);
        }

        using var limited = await SignInHttp.PostAsync(client, first, form.Token, ("email", Email), ("password", KeliwebStandIn.UserPassword));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many attempts", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-store", limited.Headers.CacheControl!.ToString());

        // Per link: page loads count too. One GET and two posts got through; the fourth request is the last one allowed.
        using var fourth = await client.GetAsync(first);
        Assert.Equal(HttpStatusCode.OK, fourth.StatusCode);
        using var fifth = await client.GetAsync(first);
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.True(fifth.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(2, (await host.Keliweb.GetTokenRequestsAsync()).Count);
    }

    [Fact]
    public async Task WithoutPublicBaseUrl_NobodyGetsALink_AndIsToldToAskTheAdministrator()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false);

        var ticket = await SignInSteps.CommandAsync(host, SlackHost.EnglishUser, "DNS down");
        var link = await SignInSteps.CommandAsync(host, SlackHost.EnglishUser, "link");

        Assert.Empty(SignInSteps.Buttons(ticket));
        Assert.Contains("Ask the bot's administrator to link it (workspace `T0KELIWEB`, user `U0ENGLISH1`)", ticket["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(SignInSteps.Buttons(link));
        Assert.Contains("Linking is done by the bot's administrator here", link["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, l => l.Contains("Sign-in page: off (PublicBaseUrl is not set)", StringComparison.Ordinal));
        using var page = await host.Client.GetAsync("/link/" + new string('a', 32));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task Shortcut_ForAnUnlinkedPerson_OpensAModalWithTheButton()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true);
        var payload = SlackPayloads.MessageAction(host.Slack.IssueTrigger());
        payload["user"]!["id"] = SlackHost.EnglishUser;

        using var response = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", payload.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = Assert.Single(host.Slack.CallsTo("views.open")).Json()["view"]!;
        Assert.StartsWith(host.BaseAddress + "link/", SignInSteps.LinkButton(view).ToString(), StringComparison.Ordinal);
        Assert.Empty(host.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task CodesAndPasswords_NeverReachTheLogs_EvenWithTheFrameworkLoggingAtTrace()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true, settings: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
        });
        var link = await SignInSteps.LinkForAsync(host, SlackHost.EnglishUser);
        using var client = SignInHttp.Client();
        var form = await SignInHttp.OpenFormAsync(client, link);
        using (await SignInHttp.PostAsync(client, link, form.Token, ("email", Email), ("password", "Wrong-Secret-1")))
        {
        }

        using var linked = await SignInHttp.PostAsync(client, link, form.Token, ("email", Email), ("password", KeliwebStandIn.UserPassword));
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);

        var code = link.Segments[^1];
        Assert.Contains(host.Logs.Lines, l => l.Contains("Sign-in for slack team T0KELIWEB user U0ENGLISH1: linked", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Debug Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.True(!host.Logs.Lines.Any(l => l.Contains(code, StringComparison.Ordinal)), string.Join("\n", host.Logs.Lines.Where(l => l.Contains(code, StringComparison.Ordinal)).Select(l => l[..Math.Min(200, l.Length)])));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("Wrong-Secret-1", StringComparison.Ordinal) || l.Contains(KeliwebStandIn.UserPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BehindAProxy_WithForwardedHeadersOn_EachClientHasItsOwnBudget()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true, settings: new Dictionary<string, string?>
        {
            ["SignIn:MaxAttemptsPerAddress"] = "1",
            ["ForwardedHeaders_Enabled"] = "true",
        });
        var link = await SignInSteps.LinkForAsync(host, SlackHost.EnglishUser);
        using var client = SignInHttp.Client();
        var form = await SignInHttp.OpenFormAsync(client, link);

        async Task<HttpStatusCode> AttemptFromAsync(string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, link)
            {
                Content = new FormUrlEncodedContent([new("email", Email), new("password", "wrong"), new(form.Token.Name, form.Token.Value)]),
            };
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal((HttpStatusCode)422, await AttemptFromAsync("203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AttemptFromAsync("203.0.113.7"));
        Assert.Equal((HttpStatusCode)422, await AttemptFromAsync("198.51.100.23"));
    }
}
