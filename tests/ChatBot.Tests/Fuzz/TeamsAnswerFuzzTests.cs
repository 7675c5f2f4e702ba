using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Teams;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Connector;
using ChatBot.Teams.Files;
using ChatBot.Teams.Graph;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// What Microsoft's side answers the bot, fuzzed from the corpus and served by a <see cref="ScriptedAnswerServer"/> to
/// the real clients: the token endpoint (client credentials, for the Bot Connector and for Graph), the Bot Connector
/// (sending an activity) and Graph (a chat message, read into the message's file references and the form's note).
/// Every call ends in a result, never an exception; the unmutated answers give what they say; a `refused-*` answer
/// gives no token or no success.
/// </summary>
public sealed class TeamsAnswerFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    public const string Family = "teams-answers";

    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Chat = "19:a1b2c3d4e5f60718293a4b5c6d7e8f90@thread.v2";

    private readonly BotFrameworkTokenSigner signer = new();
    private ScriptedAnswerServer server = null!;
    private BotFrameworkLoginStandIn login = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        server = await ScriptedAnswerServer.StartAsync();
        login = await BotFrameworkLoginStandIn.StartAsync(signer);
        services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await login.DisposeAsync();
        await server.DisposeAsync();
        signer.Dispose();
    }

    [Fact]
    public async Task TokenEndpointAnswers_GiveATokenOrNone_NeverAnException()
    {
        // The scripted server stands at the token endpoint; its path keeps botframework.com, so Graph asks it per tenant too.
        var options = Options(new Uri(server.BaseUrl, "botframework.com/oauth2/v2.0/token"));
        var run = new FuzzRun(Family, output);
        foreach (var fuzzCase in run.Cases("token"))
        {
            await run.RunAsync(fuzzCase, async () =>
            {
                var sent = Script(fuzzCase);
                using var connector = new ConnectorTokenProvider(Http, options, TimeProvider.System, NullLogger<ConnectorTokenProvider>.Instance);
                var botToken = await connector.GetTokenAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
                Script(fuzzCase, sent);
                using var graph = new GraphTokenProvider(Http, options, TimeProvider.System, NullLogger<GraphTokenProvider>.Instance);
                var graphToken = await graph.GetTokenAsync(Tenant, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

                fuzzCase.Note($"→ connector {(botToken is null ? "none" : "token")}, graph {(graphToken is null ? "none" : "token")}");
                FuzzCheck.That(fuzzCase.Mutated || Refused(fuzzCase) || (botToken is { Length: > 0 } && graphToken is { Length: > 0 }), "the unmutated answer gave no token");
                FuzzCheck.That(fuzzCase.Mutated || !Refused(fuzzCase) || (botToken is null && graphToken is null), "the refusal gave a token");
                FuzzCheck.That(botToken is null || botToken.Length > 0, "an empty token was handed out");
            });
        }

        run.Finish();
    }

    [Fact]
    public async Task ConnectorAnswers_EndInAResult_NeverAnException()
    {
        var options = Options(login.TokenEndpoint);
        using var tokens = new ConnectorTokenProvider(Http, options, TimeProvider.System, NullLogger<ConnectorTokenProvider>.Instance);
        var trust = new ChatBot.Teams.Authentication.TrustedServiceUrls(options);
        trust.Remember(server.BaseUrl.ToString());
        var client = new TeamsConnectorClient(Http, tokens, trust, NullLogger<TeamsConnectorClient>.Instance);
        var run = new FuzzRun(Family, output);
        foreach (var fuzzCase in run.Cases("connector"))
        {
            await run.RunAsync(fuzzCase, async () =>
            {
                Script(fuzzCase);
                var result = await client.SendAsync(server.BaseUrl.ToString(), Chat, new OutboundActivity(ActivityTypes.Message, "Ticket #516757 opened", null), CancellationToken.None)
                    .WaitAsync(TimeSpan.FromSeconds(30));

                fuzzCase.Note($"→ {result.Status} {result.Reason}");
                FuzzCheck.That(fuzzCase.Mutated || Refused(fuzzCase) || result.Succeeded, $"the unmutated answer did not succeed: {result.Reason}");
                FuzzCheck.That(!Refused(fuzzCase) || fuzzCase.Mutated || !result.Succeeded, "a refusal counted as sent");
                FuzzCheck.That(result.RetryAfter is null || result.RetryAfter >= TimeSpan.Zero, $"a negative Retry-After {result.RetryAfter}");
            });
        }

        run.Finish();
    }

    [Fact]
    public async Task GraphMessageAnswers_BecomeFileReferences_NeverAnException()
    {
        var options = Options(login.TokenEndpoint, graph: new Uri(server.BaseUrl, "v1.0/"));
        using var tokens = new GraphTokenProvider(Http, options, TimeProvider.System, NullLogger<GraphTokenProvider>.Instance);
        var graph = new GraphClient(Http, tokens, options, TimeProvider.System, NullLogger<GraphClient>.Instance);
        var files = new TeamsMessageFiles(new GraphMessageReader(graph, TimeProvider.System), tokens, options, NullLogger<TeamsMessageFiles>.Instance);
        var activity = JsonSerializer.Deserialize(GroupChatMessage(), TeamsJsonContext.Default.TeamsActivity)!;
        var run = new FuzzRun(Family, output);
        foreach (var fuzzCase in run.Cases("graph"))
        {
            await run.RunAsync(fuzzCase, async () =>
            {
                Script(fuzzCase);
                var found = await files.OfMessageAsync(activity, [], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
                var note = TeamsMessageFiles.Note(found, "it-IT");

                fuzzCase.Note($"→ {found.Count} file(s)");
                FuzzCheck.That(fuzzCase.Mutated || found.Count == 2, $"the unmutated message gave {found.Count} files, not its attachment and its pasted image");
                FuzzCheck.That(found.Count == 0 || note is { Length: > 0 }, "files without a note");
                FuzzCheck.That(found.All(f => f.Name.Length > 0), "a file without a name");
            });
        }

        run.Finish();
    }

    private IHttpClientFactory Http => services.GetRequiredService<IHttpClientFactory>();

    private static IOptions<TeamsOptions> Options(Uri tokenEndpoint, Uri? graph = null) => Microsoft.Extensions.Options.Options.Create(new TeamsOptions
    {
        AppId = BotFrameworkTokenSigner.AppId,
        AppPassword = BotFrameworkLoginStandIn.AppPassword,
        TokenEndpoint = tokenEndpoint,
        GraphEnabled = graph is not null,
        GraphBaseUrl = graph ?? new Uri(TeamsOptions.DefaultGraphBaseUrl),
    });

    /// <summary>Scripts the case's answers (or, for a second call in the same case, the same ones again); returns them.</summary>
    private JsonNode? Script(FuzzCase fuzzCase, JsonNode? again = null)
    {
        var answers = again ?? fuzzCase.MutateAnswers(JsonNode.Parse(fuzzCase.File.Text(new Dictionary<string, string> { ["answerBaseUrl"] = server.BaseUrl.ToString() })));
        server.Script(ScriptedAnswer.ListFrom(answers?.DeepClone(), fuzzCase));
        return answers;
    }

    private static bool Refused(FuzzCase fuzzCase) => Path.GetFileName(fuzzCase.File.Name).StartsWith("refused-", StringComparison.Ordinal);

    /// <summary>A "ticket" message in a group chat, whose files the bot reads through Graph.</summary>
    private static string GroupChatMessage() => new JsonObject
    {
        ["type"] = "message",
        ["id"] = "1732785011000",
        ["channelId"] = "msteams",
        ["serviceUrl"] = "https://smba.trafficmanager.net/emea/",
        ["from"] = new JsonObject { ["id"] = "29:1GiuliaRossi", ["aadObjectId"] = "6e8d0b2a-4c1f-4a3e-9b7d-2f5c8a1e3d90", ["name"] = "Giulia Rossi" },
        ["conversation"] = new JsonObject { ["id"] = Chat, ["conversationType"] = "groupChat", ["tenantId"] = Tenant, ["isGroup"] = true },
        ["recipient"] = new JsonObject { ["id"] = "28:" + BotFrameworkTokenSigner.AppId, ["name"] = "ChatBot" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
        ["text"] = "ticket: the site is down since 9:00, log attached",
        ["locale"] = "it-IT",
    }.ToJsonString();
}
