using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Slack.Endpoints;
using ChatBot.Tests.Slack;
using ChatBot.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// Slack's three request URLs, fuzzed from the corpus through the real host (one per family), every case signed:
/// never a 5xx, the process still answers /healthz, nothing stored for a refused request, no Error logged, and every
/// submission that was accepted ends with the user told.
/// </summary>
public sealed class SlackRequestFuzzTests(ITestOutputHelper output)
{
    public const string Commands = "slack-commands";
    public const string Interactivity = "slack-interactivity";
    public const string Events = "slack-events";
    public const string Options = "slack-options";

    private int unique;

    [Theory]
    [InlineData(Commands)]
    [InlineData(Interactivity)]
    [InlineData(Events)]
    [InlineData(Options)]
    public async Task SignedMutatedRequests_AreAnsweredWithoutA5xx_AndEveryAcceptedSubmissionEndsTold(string family)
    {
        await using var host = await SlackHost.StartAsync(settings: new Dictionary<string, string?> { ["Tickets:RetryBaseDelay"] = "00:00:00.200" });
        var run = new FuzzRun(family, output, host.Logs);
        var ledger = new SubmissionLedger(host.Factory.Services.GetRequiredService<TicketOutbox>(), host.Factory.Services.GetRequiredService<ChatBot.Storage.Database>());
        foreach (var fuzzCase in run.Cases())
        {
            await run.RunAsync(fuzzCase, () => SendAsync(host, ledger, fuzzCase));
        }

        await run.TimeAsync(() => ledger.DrainAsync(
            run,
            row => host.Slack.Calls.Any(c => c.Method is "chat.postMessage" or "chat.postEphemeral" && c.Body.Contains(row.Ticket!.Tid, StringComparison.Ordinal)),
            () => host.Slack.Calls.Count(c => c.Method is "chat.postMessage" or "chat.postEphemeral"),
            TimeSpan.FromSeconds(90)));
        await CheckAliveAsync(host);
        run.Finish($"{ledger.Stored} submissions stored");
    }

    private async Task SendAsync(SlackHost host, SubmissionLedger ledger, FuzzCase fuzzCase)
    {
        var values = new Dictionary<string, string>
        {
            ["triggerId"] = host.Slack.IssueTrigger(),
            ["viewId"] = "V0FUZZ" + Interlocked.Increment(ref unique).ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
            ["uniqueId"] = Guid.NewGuid().ToString("N"),
        };
        var (path, body, contentType) = fuzzCase.File.Family switch
        {
            Commands => (SlackEndpoints.CommandsPath, CommandBody(fuzzCase, values), "application/x-www-form-urlencoded"),
            Interactivity => (SlackEndpoints.InteractivityPath, InteractionBody(fuzzCase, values), "application/x-www-form-urlencoded"),
            Options => (SlackEndpoints.OptionsPath, InteractionBody(fuzzCase, values), "application/x-www-form-urlencoded"),
            _ => (SlackEndpoints.EventsPath, fuzzCase.Bytes(fuzzCase.MutateJson(JsonNode.Parse(fuzzCase.File.Text(values)))), "application/json"),
        };

        using var response = await host.SendAsync(host.Signer.Sign(path, body, contentType));
        var status = (int)response.StatusCode;
        FuzzCheck.That(status < 500, $"answered {status}: {await response.Content.ReadAsStringAsync()}");
        FuzzCheck.That(fuzzCase.Mutated || response.IsSuccessStatusCode, $"the unmutated fixture was refused with {status}");
        var stored = await ledger.TakeNewAsync(fuzzCase);
        FuzzCheck.That(status < 400 || stored == 0, $"refused with {status} but {stored} submission(s) stored");
        if (fuzzCase.Index % 25 == 0)
        {
            await CheckAliveAsync(host);
        }
    }

    private static byte[] CommandBody(FuzzCase fuzzCase, Dictionary<string, string> values)
    {
        var form = fuzzCase.File.Text(values, Uri.EscapeDataString).Trim();
        return fuzzCase.MaybeBreak(Encoding.UTF8.GetBytes(fuzzCase.MutateForm(form)));
    }

    /// <summary>The payload JSON mutated, then form-encoded as Slack sends it; now and then the form itself is broken too.</summary>
    private static byte[] InteractionBody(FuzzCase fuzzCase, Dictionary<string, string> values)
    {
        var json = fuzzCase.Bytes(fuzzCase.MutateJson(JsonNode.Parse(fuzzCase.File.Text(values))));
        var form = "payload=" + SlackRequestSigner.PercentEncode(json);
        if (fuzzCase.Mutated && fuzzCase.Random.Next(6) == 0)
        {
            var pairs = FormMutator.Pairs(form);
            fuzzCase.Note("form: " + FormMutator.Mutate(pairs, fuzzCase.Random));
            form = FormMutator.Join(pairs);
        }

        return Encoding.ASCII.GetBytes(form);
    }

    private static async Task CheckAliveAsync(SlackHost host)
    {
        using var health = await host.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        FuzzCheck.That(health.StatusCode == HttpStatusCode.OK, $"/healthz answered {(int)health.StatusCode}");
    }
}
