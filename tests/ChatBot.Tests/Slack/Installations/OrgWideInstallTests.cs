using System.Net;
using ChatBot.Linking;
using ChatBot.Linking.SignIn;
using ChatBot.Slack.Installations;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Slack.Installations;

/// <summary>
/// An org-wide install (Enterprise Grid): one installation, keyed by the enterprise id, serves every workspace of the
/// organization. The sign-in page knows only the person's team; the bot finds the organization's token through the
/// team's last signed request.
/// </summary>
public sealed class OrgWideInstallTests
{
    private const string Enterprise = "E0KELIWEB";
    private const string OrgToken = "xoxb-org-wide-1";

    private static async Task<SlackHost> StartAsync()
    {
        var host = await SlackHost.StartAsync(addToSlack: true);
        host.Slack.Tokens[OrgToken] = SlackHost.Team;
        host.Slack.Users[SlackHost.EnglishUser] = new StandInUser(SlackHost.EnglishUser, SlackHost.Team, "anna", "Anna Bianchi", "anna@example.com", "en-US", IsAdmin: true);
        await SlackInstallFlowTests.Store(host).SaveAsync(
            new SlackInstallation(Enterprise, null, null, Enterprise, "Keliweb Group", true, "A0CHATBOT", "UB0KELIWEB", "commands,chat:write,users:read,im:write", "U0ADMIN01", DateTimeOffset.UtcNow),
            new SlackBotToken(OrgToken, null, null),
            default);
        return host;
    }

    private static KeyValuePair<string, string>[] OrgCommand(SlackHost host, string text = "help") =>
        [.. SlackPayloads.Command(SlackHost.EnglishUser, host.Slack.IssueTrigger(), text).Where(f => f.Key != "is_enterprise_install"),
            new("enterprise_id", Enterprise), new("is_enterprise_install", "true")];

    [Fact]
    public async Task AfterASignedRequest_TheSignInAdminCheckAndDirectMessage_UseTheOrganizationsToken()
    {
        await using var host = await StartAsync();
        var chat = host.Factory.Services.GetRequiredService<SignInChats>().Find("slack")!;
        var identity = new ChatIdentity("slack", SlackHost.Team, SlackHost.EnglishUser);
        var person = new ChatPerson(identity, "Anna Bianchi", "Keliweb Customer", "en-US", "");

        // Nothing of the team is known yet: no token to ask with, so no admin and no message (and no call with any token).
        Assert.False(await chat.MayLinkWorkspaceAsync(identity, default));
        Assert.False(await chat.PostPrivatelyAsync(person, "Linked.", default));
        Assert.Empty(host.Slack.CallsWith(OrgToken));

        using (var command = await host.SendAsync(host.Signer.Command("/slack/commands", OrgCommand(host))))
        {
            Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        }

        Assert.True(await chat.MayLinkWorkspaceAsync(identity, default));
        Assert.True(await chat.PostPrivatelyAsync(person, "Linked.", default));
        var calls = host.Slack.CallsWith(OrgToken);
        Assert.Contains(calls, c => c.Method == "users.info" && c.Field("user") == SlackHost.EnglishUser);
        Assert.Contains(calls, c => c.Method == "chat.postMessage" && c.Body.Contains("Linked.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATeamWithItsOwnInstallation_KeepsUsingIt()
    {
        await using var host = await StartAsync();
        using (await host.InstallAsync(new StandInInstall(SlackHost.Team, "Keliweb Customer", "U0ADMIN01")))
        {
        }

        var own = host.Slack.Tokens.Single(t => t.Value == SlackHost.Team && t.Key != OrgToken && t.Key != SlackApiStandIn.Token).Key;
        using (await host.SendAsync(host.Signer.Command("/slack/commands", OrgCommand(host))))
        {
        }

        var chat = host.Factory.Services.GetRequiredService<SignInChats>().Find("slack")!;
        Assert.True(await chat.MayLinkWorkspaceAsync(new ChatIdentity("slack", SlackHost.Team, SlackHost.EnglishUser), default));
        Assert.Contains(host.Slack.CallsWith(own), c => c.Method == "users.info");
    }
}
