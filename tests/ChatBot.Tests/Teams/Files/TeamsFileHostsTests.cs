using System.Net;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Teams.Files;

/// <summary>
/// Issue 10, defect 1: a <c>file.download.info</c> attachment names its own <c>downloadUrl</c>, so the bot fetches only
/// from <c>Teams:FileHosts</c>. Anything else (here a loopback port the sender chose) is never requested, and the
/// ticket says the file was not attached.
/// </summary>
public sealed class TeamsFileHostsTests(TeamsHostFixture fixture) : IClassFixture<TeamsHostFixture>
{
    private TeamsTestHost Host => fixture.Host;

    [Fact]
    public async Task DownloadUrl_OnAHostNotInFileHosts_IsNeverFetched_AndTheTicketSaysSo()
    {
        await using var foreign = await RecordingServer.StartAsync();
        var downloadUrl = new Uri(foreign.BaseUrl, "internal/admin?tempauth=x").ToString();
        await AssertNotFetchedAsync(foreign, downloadUrl);
    }

    [Fact]
    public async Task Redirect_FromAListedHost_ToAnUnlistedOne_IsNotFollowed()
    {
        await using var foreign = await RecordingServer.StartAsync();
        var downloadUrl = Host.Connector.AddRedirect(new Uri(foreign.BaseUrl, "internal/admin"));
        await AssertNotFetchedAsync(foreign, downloadUrl);
    }

    private async Task AssertNotFetchedAsync(RecordingServer foreign, string downloadUrl)
    {
        var conversation = Host.Personal();

        using (var asked = await Host.PostAsync(conversation.Activity("message-ticket-personal-with-file.json", downloadUrl: downloadUrl)))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var cardPost = await Host.Connector.WaitForCallAsync(c => c.Method == "POST" && c.ConversationId == conversation.ConversationId, what: "with the form");
        var subject = "File fuori lista " + Guid.NewGuid().ToString("N")[..8];
        var submit = conversation.Activity("message-card-submit.json", replyToId: cardPost.ResponseId);
        submit["value"]!["subject"] = subject;
        submit["value"]!["files"] = cardPost.Card!["actions"]![0]!["data"]!["files"]!.GetValue<string>();
        using (var submitted = await Host.PostAsync(submit))
        {
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        var ticket = await Host.WaitForTicketAsync(subject);
        Assert.Empty(ticket.Attachments);
        var result = await Host.Connector.WaitForCallAsync(
            c => c.Method == "PUT" && c.ConversationId == conversation.ConversationId && c.Text.Contains("#" + ticket.Tid, StringComparison.Ordinal), what: "with the number");
        Assert.Contains("errore.txt", result.Text, StringComparison.Ordinal); // listed as not attached
        Assert.Empty(foreign.Requests);
    }
}
