using System.Text.Json.Nodes;
using ChatBot.Slack.Endpoints;
using ChatBot.Tests.Slack;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// Keliweb's open-ticket answers from the corpus, mutated, met by a real submission: a Slack modal submitted through
/// the real host, the worker, the real client against the PHP stand-in, the notice to the Slack stand-in. Whatever
/// Keliweb answered, the submission ends Announced, Failed or Uncertain, the user is told, and nothing logs an Error.
/// Slower than the client alone (a submission per case), so it runs a quarter of the cases.
/// </summary>
public sealed class KeliwebAnswerPipelineFuzzTests(ITestOutputHelper output)
{
    private const string Submission = "view_submission-command.json";

    [Fact]
    public async Task MutatedOpenTicketAnswers_EndEverySubmission_WithTheUserTold()
    {
        await using var host = await SlackHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Tickets:RetryBaseDelay"] = "00:00:00.100",
            ["Tickets:RetryMaxDelay"] = "00:00:00.500",
        });
        var outbox = host.Factory.Services.GetRequiredService<TicketOutbox>();
        var ledger = new SubmissionLedger(outbox, host.Factory.Services.GetRequiredService<ChatBot.Storage.Database>());
        var submission = FuzzCorpus.Files(SlackRequestFuzzTests.Interactivity).Single(f => f.Name == Submission);
        var run = new FuzzRun(KeliwebAnswerFuzzTests.Family, output, host.Logs);
        var view = 0;
        foreach (var fuzzCase in run.Cases(folder: "open-ticket", share: 4))
        {
            await run.RunAsync(fuzzCase, async () =>
            {
                var answer = ScriptedAnswer.From(fuzzCase.MutateAnswers(JsonNode.Parse(fuzzCase.File.Text(new Dictionary<string, string>()))), fuzzCase);
                await host.Keliweb.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Bytes(answer.Status, answer.Body, answer.Headers));
                var notices = Notices(host);
                var payload = submission.Text(new Dictionary<string, string> { ["viewId"] = "V0KFUZZ" + (++view).ToString("D5", System.Globalization.CultureInfo.InvariantCulture) });

                using var response = await host.SendAsync(host.Signer.Interaction(SlackEndpoints.InteractivityPath, JsonNode.Parse(payload)!.ToJsonString()));

                FuzzCheck.That(response.IsSuccessStatusCode, $"the submission was answered {(int)response.StatusCode}");
                FuzzCheck.That(await ledger.TakeNewAsync(fuzzCase) == 1, "the submission was not stored");
                var row = await EndedAsync(outbox, TimeSpan.FromSeconds(30));
                fuzzCase.Note($"→ {row.State} ({row.LastError})");
                FuzzCheck.That(row.State is SubmissionState.Announced or SubmissionState.Failed or SubmissionState.Uncertain, $"ended {row.State}: {row.LastError}");
                FuzzCheck.That(Notices(host) > notices, "the user was told nothing");
                await host.Keliweb.ClearFaultsAsync();
            });
        }

        run.Finish();
    }

    private static int Notices(SlackHost host) => host.Slack.Calls.Count(c => c.Method is "chat.postMessage" or "chat.postEphemeral");

    /// <summary>The newest submission once it has ended (its notice sent).</summary>
    private static async Task<Submission> EndedAsync(TicketOutbox outbox, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var row = (await outbox.ListAsync(1, CancellationToken.None))[0];
            if (row.State is SubmissionState.Announced or SubmissionState.Failed or SubmissionState.Uncertain or SubmissionState.Unannounced && !row.NoticeDue)
            {
                return row;
            }

            FuzzCheck.That(DateTime.UtcNow < deadline, $"submission {row.Id} is still {row.State} (notice due {row.NoticeDue}, last error {row.LastError})");
            await Task.Delay(50);
        }
    }
}
