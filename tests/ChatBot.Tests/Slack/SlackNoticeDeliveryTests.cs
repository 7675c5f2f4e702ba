using System.Net;
using ChatBot.Tests.StandIns;
using ChatBot.Tests.Tickets;
using ChatBot.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Slack;

/// <summary>
/// The result notice through the real host and the Slack stand-in, when Slack makes it hard: a far Retry-After, a
/// refused post. The submission says Announced only when the user was told.
/// </summary>
public sealed class SlackNoticeDeliveryTests
{
    [Theory]
    [InlineData("2000000000")]
    [InlineData(RetryAfterCapTests.Year2099)]
    public async Task SlackAsksToWaitDecades_TheNoticeIsPostedWithinTheLongestDelay(string retryAfter)
    {
        await using var host = await SlackHost.StartAsync(settings: new Dictionary<string, string?> { ["Tickets:RetryBaseDelay"] = "00:00:00.200", ["Tickets:RetryMaxDelay"] = "00:00:01" });
        host.Slack.RateLimit("chat.postMessage", times: 1, retryAfter: retryAfter);

        var (ticket, id) = await SubmitAsync(host, "V0LIMIT01", "Invoice 42 is wrong.");

        await host.WaitForCallsAsync("chat.postMessage", c => c.Any(p => p.Body.Contains(ticket.Tid, StringComparison.Ordinal)), TimeSpan.FromSeconds(20));
        Assert.Equal(SubmissionState.Announced, (await SlackOversizedAnswerTests.WaitForEndAsync(Outbox(host), id)).State);
    }

    internal static TicketOutbox Outbox(SlackHost host) => host.Factory.Services.GetRequiredService<TicketOutbox>();

    /// <summary>/ticket, then the modal submitted with <paramref name="message"/>; the ticket and the submission's id.</summary>
    internal static async Task<(StandInTicket Ticket, string SubmissionId)> SubmitAsync(
        SlackHost host, string viewId, string message, Dictionary<string, System.Text.Json.Nodes.JsonObject>? state = null, string user = SlackHost.EnglishUser)
    {
        await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(user, host.Slack.IssueTrigger())));
        var opened = host.Slack.CallsTo("views.open")[^1].Json()["view"]!.AsObject();
        var values = new Dictionary<string, System.Text.Json.Nodes.JsonObject>
        {
            ["department"] = SlackPayloads.Select("2"),
            ["message"] = SlackPayloads.Text(message),
        };
        foreach (var (key, value) in state ?? [])
        {
            values[key] = value;
        }

        using var response = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", SlackPayloads.Submission(user, viewId, opened, values).ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = (await host.Keliweb.WaitForTicketsAsync(1, TimeSpan.FromSeconds(20)))[^1];
        var submission = (await Outbox(host).ListAsync(50, default)).Single(s => s.Draft.Message == message);
        return (ticket, submission.Id);
    }
}
