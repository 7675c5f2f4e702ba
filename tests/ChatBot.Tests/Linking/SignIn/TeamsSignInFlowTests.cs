using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Linking;
using ChatBot.Tests.Browser;
using ChatBot.Tests.StandIns;
using ChatBot.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChatBot.Tests.Linking.SignIn;

/// <summary>
/// Self-service linking from Teams: the Bot Framework stand-ins, the connector stand-in recording every post, the page in
/// headless chromium. The sign-in link (a bearer secret) only ever reaches the person's 1:1 chat or their own dialog.
/// </summary>
public sealed class TeamsSignInFlowTests
{
    private const string Email = "marco@acme.example";

    [Fact]
    public async Task PersonalTicket_Unlinked_GetsAnOpenUrlCard_ThePageLinksThem_TheChatConfirms_ThenTheFormComes()
    {
        await using var host = await TeamsTestHost.StartAsync(linked: false, signIn: true);
        var me = host.Personal();

        using (var asked = await host.PostAsync(Text(me.Activity("message-ticket-personal-with-file.json"), "ticket")))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var notice = await host.Connector.WaitForCallAsync(c => c.Method == "POST" && c.ConversationId == me.ConversationId && OpenUrls(c.Card).Any(), what: "with the sign-in card");
        var link = new Uri(Assert.Single(OpenUrls(notice.Card)));
        Assert.StartsWith(host.BaseAddress + "link/", link.ToString(), StringComparison.Ordinal);

        var (context, page) = await (await HeadlessChromium.SharedAsync()).OpenAsync();
        await using (context)
        {
            await page.GotoAsync(link.ToString());
            await Assertions.Expect(page.Locator(".target")).ToHaveTextAsync("Microsoft Teams, user Giulia Bianchi");
            Assert.Equal(0, await page.Locator("input[name=workspace]").CountAsync());
            await SignInSteps.FillAndSubmitAsync(page, Email, KeliwebStandIn.UserPassword);
            await Assertions.Expect(page.Locator(".done")).ToContainTextAsync("go back to Microsoft Teams");
        }

        var confirmed = await host.Connector.WaitForCallAsync(c => c.ConversationId == me.ConversationId && c.Text.Contains("Linked to " + Email, StringComparison.Ordinal), what: "with the confirmation");
        Assert.True(confirmed.Authorized);
        var stored = Assert.Single(await host.Services.GetRequiredService<LinkStore>().ListAsync(default));
        Assert.Equal((ChatPlatforms.Teams, me.TenantId, me.AadObjectId), (stored.Platform, stored.TeamId, stored.UserId));

        var before = host.Connector.Calls.Count;
        using (await host.PostAsync(Text(me.Activity("message-ticket-personal-with-file.json"), "ticket")))
        {
        }

        // The form's first card: the departments ask for different fields, so it asks for the department first.
        var form = await host.Connector.WaitForCallAsync(c => host.Connector.Calls.ToList().IndexOf(c) >= before && c.Card?["body"] is JsonArray body
            && body.Any(e => e?["id"]?.GetValue<string>() == "department"), what: "with the form");
        Assert.Equal(me.ConversationId, form.ConversationId);
    }

    [Fact]
    public async Task ChannelTicket_Unlinked_PostsNoLinkInTheChannel_TheOneToOneChatGetsIt()
    {
        await using var host = await TeamsTestHost.StartAsync(linked: false, signIn: true);
        var channel = host.ChannelThread();

        using (await host.PostAsync(channel.Activity("message-ticket-channel-mention.json")))
        {
        }

        var privately = await host.Connector.WaitForCallAsync(c => c.ConversationId == "a:personal-chat-with-" + channel.UserId && OpenUrls(c.Card).Any(), what: "in the 1:1 chat");
        Assert.StartsWith(host.BaseAddress + "link/", Assert.Single(OpenUrls(privately.Card)), StringComparison.Ordinal);
        var pointer = await host.Connector.WaitForCallAsync(c => c.ConversationId == channel.ConversationId, what: "in the channel");
        Assert.Contains("I've answered you in our private chat.", pointer.Text, StringComparison.Ordinal);
        Assert.All(host.Connector.Calls.Where(c => c.ConversationId == channel.ConversationId), c => Assert.DoesNotContain("/link/", c.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MessageAction_Unlinked_ShowsTheSignInButtonInItsDialog()
    {
        await using var host = await TeamsTestHost.StartAsync(linked: false, signIn: true);

        using var response = await host.PostAsync(host.ChannelThread().Activity("invoke-fetchtask-message-channel.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var task = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["task"]!;
        Assert.Equal("continue", task["type"]!.GetValue<string>());
        var card = task["value"]!["card"]!["content"]!;
        Assert.StartsWith(host.BaseAddress + "link/", Assert.Single(OpenUrls(card)), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Connector.Calls, c => c.Body.Contains("/link/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Commands_LinkWhoAmIUnlink_InThePersonalChat_AndPrivatelyFromAChannel()
    {
        await using var host = await TeamsTestHost.StartAsync(linked: false, signIn: true);
        var me = host.Personal("it-IT");

        using (await host.PostAsync(Text(me.Activity("message-ticket-personal-with-file.json"), "collega")))
        {
        }

        var linkCard = await host.Connector.WaitForCallAsync(c => c.ConversationId == me.ConversationId && OpenUrls(c.Card).Any(), what: "with the link");
        Assert.Contains("Accedi con email e password Keliweb", linkCard.Text, StringComparison.Ordinal);
        Assert.Equal("Collega il tuo account Keliweb", linkCard.Card!["actions"]![0]!["title"]!.GetValue<string>());

        using (await host.PostAsync(Text(me.Activity("message-ticket-personal-with-file.json"), "whoami")))
        {
        }

        var whoami = await host.Connector.WaitForCallAsync(c => c.ConversationId == me.ConversationId && c.Text.Contains("non è collegato", StringComparison.Ordinal), what: "whoami");
        Assert.Contains("Usa “link” per collegarlo.", whoami.Text, StringComparison.Ordinal);

        var channel = host.ChannelThread() with { AadObjectId = me.AadObjectId, UserId = me.UserId };
        var fromChannel = channel.Activity("message-ticket-channel-mention.json");
        fromChannel["text"] = "<at>Keliweb Support</at> link";
        using (await host.PostAsync(fromChannel))
        {
        }

        await host.Connector.WaitForCallAsync(c => c.ConversationId == "a:personal-chat-with-" + me.UserId && OpenUrls(c.Card).Any(), what: "link in the 1:1 chat");
        Assert.All(host.Connector.Calls.Where(c => c.ConversationId == channel.ConversationId), c => Assert.DoesNotContain("/link/", c.Body, StringComparison.Ordinal));
    }

    private static JsonObject Text(JsonObject activity, string text)
    {
        activity["text"] = text;
        activity.Remove("attachments");
        return activity;
    }

    private static IEnumerable<string> OpenUrls(JsonNode? card) =>
        card?["actions"] is JsonArray actions
            ? actions.Where(a => a?["type"]?.GetValue<string>() == "Action.OpenUrl").Select(a => a!["url"]!.GetValue<string>())
            : [];
}
