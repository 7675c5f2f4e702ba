using System.Net;
using System.Text.Json.Nodes;

namespace ChatBot.Tests.Teams.Endpoint;

/// <summary>
/// Issue 10, defect 1: a valid Bot Framework token is not a Teams user. Only <c>msteams</c> activities get in, the
/// account comes from <c>from.aadObjectId</c> alone and the tenant from Teams' <c>channelData.tenant</c> alone: what
/// other channels' clients (Web Chat, Direct Line) may set never opens a ticket in someone else's account.
/// </summary>
public sealed class TeamsIdentityTests(TeamsHostFixture fixture) : IClassFixture<TeamsHostFixture>
{
    private TeamsTestHost Host => fixture.Host;

    [Fact]
    public async Task WebChatActivity_WithAValidToken_AndAVictimsIdentity_IsRefused_AndStoresNothing()
    {
        // The signer's key is endorsed for "webchat" too, as every Azure Bot's keys are; its clients set from and channelData.
        var subject = "Victim's ticket " + Guid.NewGuid().ToString("N")[..8];
        var activity = Host.ChannelThread().Activity("invoke-submitaction-message-channel.json");
        activity["value"]!["data"]!["subject"] = subject;
        activity["channelId"] = "webchat";
        activity["from"] = new JsonObject { ["id"] = "victim-aad", ["name"] = "Victim" };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TeamsConversation.DefaultTenantId } };

        using var response = await Host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertNothingStoredAsync(activity);
        Assert.DoesNotContain(await Host.Keliweb!.GetTicketsAsync(), t => t.Subject == subject);
    }

    [Theory]
    [InlineData("directline")]
    [InlineData("emulator")]
    [InlineData("MSTEAMS")]
    [InlineData("")]
    public async Task OtherChannelIds_AreRefused(string channelId)
    {
        var activity = Host.ChannelThread().Activity("invoke-fetchtask-message-channel.json");
        activity["channelId"] = channelId;

        using var response = await Host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task TeamsActivity_WithoutAadObjectId_OpensNothing_AndSaysWhy()
    {
        var activity = Host.ChannelThread().Activity("invoke-submitaction-message-channel.json");
        activity["from"]!.AsObject().Remove("aadObjectId"); // only the 29: id, which must never stand for an account

        using var response = await Host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var task = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["task"]!;
        Assert.Equal("message", task["type"]!.GetValue<string>());
        Assert.Contains("Teams did not say", task["value"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(activity);
    }

    [Fact]
    public async Task TenantOnlyInConversation_IsNotTrusted_AndOpensNothing()
    {
        var activity = Host.ChannelThread().Activity("invoke-submitaction-message-channel.json");
        activity["channelData"]!.AsObject().Remove("tenant"); // conversation.tenantId still names the linked tenant

        using var response = await Host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertNothingStoredAsync(activity);
    }

    [Fact]
    public async Task ChannelDataTenant_IsTheTenant_WhateverConversationTenantIdSays()
    {
        var conversation = Host.ChannelThread();
        var activity = conversation.Activity("invoke-submitaction-message-channel.json");
        activity["conversation"]!["tenantId"] = "00000000-0000-0000-0000-0000000000aa";
        var id = activity["id"]!.GetValue<string>();

        using var response = await Host.PostAsync(activity);

        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        var stored = Assert.Single(await Host.SubmissionsAsync(), s => s.IdempotencyKey.Contains(id, StringComparison.Ordinal));
        Assert.Equal(TeamsConversation.DefaultTenantId, stored.Draft.Requester.TenantId);
        Assert.Equal(conversation.AadObjectId, stored.Draft.Requester.UserId);
    }

    [Fact]
    public async Task TicketRequest_WithoutAadObjectId_GetsTheExplanationInsteadOfTheForm()
    {
        var conversation = Host.Personal("it-IT");
        var activity = conversation.Activity("message-ticket-personal-with-file.json", downloadUrl: Host.Connector.AddDownload("x.txt", [1]));
        activity["from"]!.AsObject().Remove("aadObjectId");

        using var response = await Host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Host.Connector.WaitForCallAsync(c => c.ConversationId == conversation.ConversationId, what: "with the explanation");
        Assert.Contains("Teams non ha indicato", answer.Text, StringComparison.Ordinal);
        Assert.Null(answer.Card?["actions"]);
    }

    private async Task AssertNothingStoredAsync(JsonObject activity)
    {
        var id = activity["id"]!.GetValue<string>();
        Assert.DoesNotContain(await Host.SubmissionsAsync(), s => s.IdempotencyKey.Contains(id, StringComparison.Ordinal));
    }
}
