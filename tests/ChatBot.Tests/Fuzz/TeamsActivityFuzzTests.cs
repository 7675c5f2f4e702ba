using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Teams.Handlers;
using ChatBot.Tests.Teams;
using ChatBot.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// <c>/api/messages</c> fuzzed from the corpus through the real host, each case with a valid Bot Framework token for the
/// serviceUrl it names: never a 5xx (but the documented 501 for an invoke nobody handles), /healthz still answers,
/// nothing stored for a refused activity, no Error logged, and every accepted submission ends with the user told.
/// </summary>
public sealed class TeamsActivityFuzzTests(ITestOutputHelper output)
{
    public const string Family = "teams-activities";

    [Fact]
    public async Task AuthenticatedMutatedActivities_AreAnsweredWithoutA5xx_AndEveryAcceptedSubmissionEndsTold()
    {
        await using var host = await TeamsTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Tickets:RetryBaseDelay"] = "00:00:00.200" });
        var run = new FuzzRun(Family, output, host.Logs);
        var ledger = new SubmissionLedger(host.Services.GetRequiredService<TicketOutbox>(), host.Services.GetRequiredService<ChatBot.Storage.Database>());
        var invokes = host.Services.GetServices<ITeamsInvokeHandler>().Select(h => h.InvokeName).ToHashSet(StringComparer.Ordinal);
        var downloadUrl = host.Connector.AddDownload("errore.txt", "Errore 503 alle 9:00\n"u8.ToArray());
        var index = 0;
        foreach (var fuzzCase in run.Cases())
        {
            await run.RunAsync(fuzzCase, () => SendAsync(host, ledger, invokes, downloadUrl, fuzzCase, index++));
        }

        await run.TimeAsync(() => ledger.DrainAsync(
            run,
            row => host.Connector.Calls.Any(c => c.Body.Contains(row.Ticket!.Tid, StringComparison.Ordinal)),
            () => host.Connector.Calls.Count(c => c.Method == "POST" && c.Path.Contains("/activities", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(90)));
        await CheckAliveAsync(host);
        run.Finish($"{ledger.Stored} submissions stored");
    }

    private static async Task SendAsync(
        TeamsTestHost host, SubmissionLedger ledger, HashSet<string> invokes, string downloadUrl, FuzzCase fuzzCase, int index)
    {
        var conversation = index % 2 == 0 ? host.Personal(index % 4 == 0 ? "it-IT" : "en-US") : host.ChannelThread();
        var values = new Dictionary<string, string>
        {
            ["serviceUrl"] = conversation.ServiceUrl,
            ["conversationId"] = conversation.ConversationId,
            ["aadObjectId"] = conversation.AadObjectId,
            ["userId"] = conversation.UserId,
            ["activityId"] = Guid.NewGuid().ToString("N"),
            ["replyToId"] = "1:" + Guid.NewGuid().ToString("N"),
            ["downloadUrl"] = downloadUrl,
            ["locale"] = conversation.Locale,
            ["tenantId"] = conversation.TenantId,
            ["botId"] = conversation.BotId,
        };
        var activity = fuzzCase.MutateJson(JsonNode.Parse(fuzzCase.File.Text(values)));
        var body = fuzzCase.Bytes(activity);
        // Signed for the serviceUrl the activity names, when it names one: a token for another would stop every case at
        // the door. But not for a real URL elsewhere: Teams vouching for a connector the test cannot stand in for would
        // leave the user untold for a reason outside the bot (that one gets a token for the stand-in: a forged serviceUrl).
        var named = activity is JsonObject o && o["serviceUrl"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        var elsewhere = Uri.TryCreate(named, UriKind.Absolute, out var namedUrl) && namedUrl.Scheme == Uri.UriSchemeHttps;
        var serviceUrl = named is not null && !elsewhere ? named : conversation.ServiceUrl;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Signer.Sign(serviceUrl));

        using var response = await host.Client.SendAsync(request);
        var status = (int)response.StatusCode;
        var unhandledInvoke = status == 501 && activity?["type"] is JsonValue type && type.ToJsonString() == "\"invoke\""
            && !(activity["name"] is JsonValue name && name.GetValueKind() == JsonValueKind.String && invokes.Contains(name.GetValue<string>()));
        FuzzCheck.That(status < 500 || unhandledInvoke, $"answered {status}: {await response.Content.ReadAsStringAsync()}");
        FuzzCheck.That(fuzzCase.Mutated || response.IsSuccessStatusCode, $"the unmutated fixture was refused with {status}");
        var stored = await ledger.TakeNewAsync(fuzzCase);
        FuzzCheck.That(status < 400 || stored == 0, $"refused with {status} but {stored} submission(s) stored");
        if (fuzzCase.Index % 25 == 0)
        {
            await CheckAliveAsync(host);
        }
    }

    private static async Task CheckAliveAsync(TeamsTestHost host)
    {
        using var health = await host.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        FuzzCheck.That(health.StatusCode == HttpStatusCode.OK, $"/healthz answered {(int)health.StatusCode}");
    }
}
