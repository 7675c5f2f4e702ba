using System.Text.Json.Nodes;
using ChatBot.Keliweb;
using ChatBot.Tests.Keliweb;
using ChatBot.Tests.Slack;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// Keliweb's answers fuzzed from the corpus (<c>keliweb-answers/&lt;call&gt;/</c>), served by the PHP stand-in and read
/// by the real <see cref="KeliwebClient"/> and token provider: every answer is a handled result, never an exception,
/// and nothing is logged at Error.
/// </summary>
public sealed class KeliwebAnswerFuzzTests(ITestOutputHelper output)
{
    public const string Family = "keliweb-answers";

    /// <summary>A separate account for token answers: a refused grant must not touch the default account the other calls use.</summary>
    private const string TokenAccount = "fuzz-token";

    [Fact]
    public async Task MutatedAnswers_AreHandledResults_NeverExceptions()
    {
        var logs = new CapturedLogs();
        await using var host = await KeliwebTestHost.StartAsync(configureServices: s => s.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug)));
        var run = new FuzzRun(Family, output, logs);
        foreach (var fuzzCase in run.Cases())
        {
            await run.RunAsync(fuzzCase, () => AnswerAsync(host, fuzzCase));
        }

        run.Finish();
    }

    private static async Task AnswerAsync(KeliwebTestHost host, FuzzCase fuzzCase)
    {
        var method = fuzzCase.File.Folder switch
        {
            "oauth-token" => KeliwebStandIn.Token,
            var call => call,
        };
        var answer = ScriptedAnswer.From(fuzzCase.MutateAnswers(JsonNode.Parse(fuzzCase.File.Text(new Dictionary<string, string>()))), fuzzCase);
        await host.StandIn.FailNextAsync(method, StandInFault.Bytes(answer.Status, answer.Body, answer.Headers));
        try
        {
            object result = method switch
            {
                KeliwebStandIn.OpenTicket => await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, KeliwebTestHost.ClientTicket(), CancellationToken.None),
                KeliwebStandIn.AddTicketReply => await host.Client.AddTicketReplyAsync(
                    KeliwebOptions.DefaultAccountId, new AddTicketReplyRequest(1, "Grazie, ora funziona.", ClientId: 42), CancellationToken.None),
                KeliwebStandIn.GetTicket => await host.Client.GetTicketAsync(KeliwebOptions.DefaultAccountId, 1, null, CancellationToken.None),
                KeliwebStandIn.GetClientsProducts => await host.Client.GetClientsProductsAsync(KeliwebOptions.DefaultAccountId, 7, 0, 25, CancellationToken.None),
                KeliwebStandIn.Token => await host.Tokens.LoginAsync(TokenAccount, "fuzz@example.com", KeliwebStandIn.UserPassword, CancellationToken.None),
                _ => throw new InvalidOperationException($"No Keliweb call is named {fuzzCase.File.Folder}: the corpus folder must name one."),
            };
            fuzzCase.Note("→ " + result.GetType().Name);
        }
        finally
        {
            // A call that was never made (no token) must not leave its scripted answer to the next case.
            await host.StandIn.ClearFaultsAsync();
        }
    }
}
