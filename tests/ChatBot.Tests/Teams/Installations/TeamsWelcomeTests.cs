using System.Net;
using ChatBot.Storage;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Teams.Installations;

/// <summary>
/// The welcome through the real host: posted once where the bot was added (a team's General channel, a personal chat),
/// in the adder's language, never for other members joining, and again only after a removal and a new installation.
/// </summary>
public sealed class TeamsWelcomeTests(TeamsHostFixture fixture) : IClassFixture<TeamsHostFixture>
{
    private TeamsTestHost Host => fixture.Host;

    [Fact]
    public async Task BotAddedToATeam_PostsOneWelcome_InItsGeneralChannel_WhateverTeamsRepeats()
    {
        var team = Host.Team();
        var added = team.Activity("conversationupdate-bot-added-team.json");
        var install = team.Activity("installationupdate-remove-team.json");
        install["action"] = "add";

        using (var first = await Host.PostAsync(added))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var welcome = await Host.Connector.WaitForCallAsync(c => c.Method == "POST" && c.ConversationId == team.ConversationId, what: "the welcome");
        Assert.True(welcome.Authorized);
        Assert.EndsWith("/activities", welcome.Path, StringComparison.Ordinal);
        Assert.Contains("Keliweb support tickets, right here", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("mention me with \"ticket\"", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("Create ticket", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("write \"link\" to me", welcome.Text, StringComparison.Ordinal);

        // Teams redelivers, and sends installationUpdate too: the installation already has its welcome.
        using (await Host.PostAsync(added))
        using (await Host.PostAsync(install))
        using (await Host.PostAsync(team.Activity("conversationupdate-bot-added-team.json")))
        {
        }

        Assert.Equal(TeamsInstallationsTable.Posted, await WelcomeStateAsync(team, until: TeamsInstallationsTable.Posted));
        Assert.Single(Host.Connector.Calls, c => c.ConversationId == team.ConversationId);
    }

    [Fact]
    public async Task BotAddedToAPersonalChat_WelcomesInTheUsersLanguage()
    {
        var chat = Host.Personal("it-IT");

        using var response = await Host.PostAsync(chat.Activity("conversationupdate-bot-added-personal.json"));

        var welcome = await Host.Connector.WaitForCallAsync(c => c.ConversationId == chat.ConversationId, what: "the Italian welcome");
        Assert.Contains("Ticket di assistenza Keliweb, direttamente qui", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("scrivi \"ticket\" qui", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("scrivimi \"collega\"", welcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BotAddedToAGroupChat_PostsOneWelcome_ThatSaysToMentionIt()
    {
        var chat = Host.Personal() with { ConversationId = "19:" + Guid.NewGuid().ToString("N") + "@thread.v2" };
        var added = chat.Activity("conversationupdate-bot-added-personal.json");
        added["conversation"]!["conversationType"] = "groupChat";
        added["conversation"]!["isGroup"] = true;

        using (await Host.PostAsync(added))
        using (await Host.PostAsync(added)) // Teams redelivers
        {
        }

        var welcome = await Host.Connector.WaitForCallAsync(c => c.Method == "POST" && c.ConversationId == chat.ConversationId, what: "the group chat's welcome");
        Assert.Contains("mention me with \"ticket\"", welcome.Text, StringComparison.Ordinal);
        Assert.Equal(TeamsInstallationsTable.Posted, await WelcomeStateAsync(chat, until: TeamsInstallationsTable.Posted, scope: "chat:"));
        Assert.Single(Host.Connector.Calls, c => c.ConversationId == chat.ConversationId);
    }

    [Fact]
    public async Task AnotherMemberJoining_GetsNoWelcome()
    {
        var team = Host.Team();
        var joined = team.Activity("conversationupdate-bot-added-team.json");
        joined["membersAdded"]![0]!["id"] = "29:1someone-else";

        using var response = await Host.PostAsync(joined);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await WelcomeStateAsync(team));
        Assert.DoesNotContain(Host.Connector.Calls, c => c.ConversationId == team.ConversationId);
    }

    [Fact]
    public async Task RemovedThenAddedAgain_WelcomesAgain()
    {
        var team = Host.Team();
        using (await Host.PostAsync(team.Activity("conversationupdate-bot-added-team.json")))
        {
        }

        await Host.Connector.WaitForCallAsync(c => c.ConversationId == team.ConversationId, what: "the first welcome");
        using (await Host.PostAsync(team.Activity("installationupdate-remove-team.json")))
        {
        }

        Assert.Contains(Host.Logs.Lines, l => l.Contains("Teams app removed", StringComparison.Ordinal) && l.Contains(team.ConversationId, StringComparison.Ordinal));
        using (await Host.PostAsync(team.Activity("conversationupdate-bot-added-team.json")))
        {
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Host.Connector.Calls.Count(c => c.ConversationId == team.ConversationId) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        Assert.Equal(2, Host.Connector.Calls.Count(c => c.ConversationId == team.ConversationId));
    }

    /// <summary>The recorded welcome state; with <paramref name="until"/>, polls until it is that (the worker records after posting).</summary>
    private async Task<string?> WelcomeStateAsync(TeamsConversation team, string? until = null, string scope = "team:")
    {
        var database = Host.Services.GetRequiredService<Database>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        string? state;
        while ((state = await TeamsInstallationsTable.WelcomeAsync(database, team.TenantId, scope + team.ConversationId)) != until && until is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        return state;
    }
}
