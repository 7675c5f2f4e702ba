using ChatBot.Linking;
using ChatBot.Storage;
using ChatBot.Tests.Linking.SignIn;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Slack;

/// <summary><c>/ticket &lt;command&gt;</c> through the real host: link, unlink, whoami, help; any other text stays a subject.</summary>
public sealed class SlackChatCommandTests
{
    private static readonly Provenance Cli = new(ProvenanceSource.Cli, "ops", DateTimeOffset.FromUnixTimeMilliseconds(1_764_320_000_000));

    [Fact]
    public async Task Help_ListsEveryCommand_InTheUsersLanguage()
    {
        await using var host = await SlackHost.StartAsync(signIn: true);

        var english = (await SignInSteps.CommandAsync(host, SlackHost.EnglishUser, "help"))["text"]!.GetValue<string>();
        var italian = (await SignInSteps.CommandAsync(host, SlackHost.ItalianUser, "aiuto"))["text"]!.GetValue<string>();

        foreach (var command in new[] { "`/ticket [subject]`", "`/ticket help`", "`/ticket link`", "`/ticket unlink`", "`/ticket whoami`" })
        {
            Assert.Contains(command, english, StringComparison.Ordinal);
            Assert.Contains(command, italian, StringComparison.Ordinal);
        }

        Assert.Contains("link your Keliweb account", english, StringComparison.Ordinal);
        Assert.Contains("collega il tuo account Keliweb", italian, StringComparison.Ordinal);
        Assert.Empty(host.Slack.CallsTo("views.open"));
    }

    [Theory]
    [InlineData("link broken on the homepage")]
    [InlineData("help me with DNS")]
    [InlineData("whoami is a strange subject")]
    public async Task ACommandWordFollowedByText_IsATicketSubject(string text)
    {
        await using var host = await SlackHost.StartAsync(signIn: true);

        Assert.Empty(await SignInSteps.CommandAsync(host, SlackHost.EnglishUser, text));

        var view = Assert.Single(host.Slack.CallsTo("views.open")).Json()["view"]!;
        var subject = view["blocks"]!.AsArray().Single(b => b!["block_id"]!.GetValue<string>() == "subject")!;
        Assert.Equal(text, subject["element"]!["initial_value"]!.GetValue<string>());
    }

    [Fact]
    public async Task WhoAmI_SaysWhichAccountAndWhichLink()
    {
        await using var host = await SlackHost.StartAsync(signIn: true);
        var links = host.Factory.Services.GetRequiredService<LinkStore>();
        var accounts = host.Factory.Services.GetRequiredService<AccountStore>();
        await accounts.SaveRefreshTokenAsync("anna", "anna@acme.example", "t", default);

        // The host links the workspace to the default account (Keliweb:Username default@example.com).
        Assert.Equal(
            "Your tickets go to the Keliweb account default@example.com, through the workspace's link.",
            await WhoAmIAsync(host, SlackHost.EnglishUser));

        await links.UpsertAsync(ChatPlatforms.Slack, SlackHost.Team, SlackHost.EnglishUser, "anna", null, null, Cli, default);
        Assert.Equal("Your tickets go to the Keliweb account anna@acme.example, through your own link.", await WhoAmIAsync(host, SlackHost.EnglishUser));

        await accounts.MarkNeedsLoginAsync("anna", "refresh refused", default);
        Assert.Equal(
            "Your tickets go to the Keliweb account anna@acme.example, through your own link.\nIts Keliweb sign-in has expired: use `/ticket link` to sign in again.",
            await WhoAmIAsync(host, SlackHost.EnglishUser));
        Assert.Equal(
            "I tuoi ticket vanno all'account Keliweb default@example.com, tramite il collegamento del workspace.",
            await WhoAmIAsync(host, SlackHost.ItalianUser, "chi sono"));
    }

    [Fact]
    public async Task WhoAmI_WithoutAnyLink_SaysHowToLink()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true);
        Assert.Equal(
            "Your chat account is not linked to a Keliweb account. Use `/ticket link` to link it.",
            await WhoAmIAsync(host, SlackHost.EnglishUser));
    }

    [Fact]
    public async Task Unlink_RemovesTheOwnLinkOnly_NeverTheWorkspaces()
    {
        await using var host = await SlackHost.StartAsync(signIn: true);
        var links = host.Factory.Services.GetRequiredService<LinkStore>();
        await host.Factory.Services.GetRequiredService<AccountStore>().SaveRefreshTokenAsync("anna", "anna@acme.example", "t", default);
        await links.UpsertAsync(ChatPlatforms.Slack, SlackHost.Team, SlackHost.EnglishUser, "anna", null, null, Cli, default);

        var first = (await SignInSteps.CommandAsync(host, SlackHost.EnglishUser, "unlink"))["text"]!.GetValue<string>();
        var second = (await SignInSteps.CommandAsync(host, SlackHost.EnglishUser, "unlink"))["text"]!.GetValue<string>();

        Assert.Equal("Your own link to anna@acme.example is removed.\nYour tickets now go to the workspace's account, default@example.com.", first);
        Assert.StartsWith("You have no link of your own to remove.\nThe workspace's link stays", second, StringComparison.Ordinal);
        var left = Assert.Single(await links.ListAsync(default));
        Assert.True(left.IsWorkspaceLink);
    }

    [Fact]
    public async Task Link_WhenLinked_OffersTheButtonToSwitch()
    {
        await using var host = await SlackHost.StartAsync(signIn: true);
        await host.Factory.Services.GetRequiredService<AccountStore>().SaveRefreshTokenAsync("anna", "anna@acme.example", "t", default);
        await host.Factory.Services.GetRequiredService<LinkStore>().UpsertAsync(ChatPlatforms.Slack, SlackHost.Team, SlackHost.EnglishUser, "anna", null, null, Cli, default);

        var answer = await SignInSteps.CommandAsync(host, SlackHost.EnglishUser, "LINK");

        Assert.Equal("ephemeral", answer["response_type"]!.GetValue<string>());
        Assert.Contains("You are linked to anna@acme.example now", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith(host.BaseAddress + "link/", SignInSteps.LinkButton(answer).ToString(), StringComparison.Ordinal);
        Assert.Empty(host.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task ClickingTheUrlButton_IsAcknowledged()
    {
        await using var host = await SlackHost.StartAsync(signIn: true);
        var click = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new System.Text.Json.Nodes.JsonObject { ["id"] = SlackHost.EnglishUser, ["team_id"] = SlackHost.Team },
            ["team"] = new System.Text.Json.Nodes.JsonObject { ["id"] = SlackHost.Team },
            ["actions"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["action_id"] = "open_url", ["type"] = "button" }),
        };

        using var response = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", click.ToJsonString()));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("has no handler", StringComparison.Ordinal));
    }

    private static async Task<string> WhoAmIAsync(SlackHost host, string user, string text = "whoami") =>
        (await SignInSteps.CommandAsync(host, user, text))["text"]!.GetValue<string>();
}
