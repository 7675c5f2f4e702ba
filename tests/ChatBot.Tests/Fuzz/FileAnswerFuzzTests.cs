using System.Globalization;
using System.Text.Json.Nodes;
using ChatBot.Slack.Files;
using ChatBot.Teams.Files;
using ChatBot.Tests.Slack;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// The answers a file download meets (Slack's files.info and the file itself; a Teams download and its redirects),
/// fuzzed from the corpus and served by a <see cref="ScriptedAnswerServer"/> to the real downloaders: every download
/// ends in a result (never an exception), never writes past its cap, and the Slack token only goes where it may.
/// </summary>
public sealed class FileAnswerFuzzTests(ITestOutputHelper output)
{
    public const string SlackFamily = "slack-files";
    public const string TeamsFamily = "teams-files";

    private const long MaxBytes = 64 * 1024;

    [Fact]
    public async Task SlackFileAnswers_EndInAResult_WithinTheCap()
    {
        await using var server = await ScriptedAnswerServer.StartAsync();
        var port = server.BaseUrl.Port.ToString(CultureInfo.InvariantCulture);
        await using var host = await SlackHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Slack:ApiBaseUrl"] = new Uri(server.BaseUrl, "api/").ToString(),
            ["Slack:FileHosts:0"] = "127.0.0.1:" + port,
        });
        var downloader = host.Factory.Services.GetRequiredService<SlackFileDownloader>();
        var run = new FuzzRun(SlackFamily, output, host.Logs);
        foreach (var fuzzCase in run.Cases())
        {
            await run.RunAsync(fuzzCase, () => DownloadAsync(
                server, fuzzCase, (destination, ct) => downloader.DownloadAsync(ChatBot.Slack.WebApi.SlackWorkspace.OfTeam(SlackHost.Team), new FileReference("maillog.txt", null, "F0LOG00001"), destination, MaxBytes, ct)));
        }

        run.Finish();
    }

    [Fact]
    public async Task TeamsFileAnswers_EndInAResult_WithinTheCap()
    {
        await using var server = await ScriptedAnswerServer.StartAsync();
        await using var parts = await TeamsParts.StartAsync(configure: (options, _) =>
            options.FileHosts = ["127.0.0.1:" + server.BaseUrl.Port.ToString(CultureInfo.InvariantCulture)]);
        var downloader = parts.Downloader();
        var locator = new TeamsFileLocator(TeamsFileLocator.DownloadInfo, new Uri(server.BaseUrl, "sharepoint/download.aspx?UniqueId=errore.txt").ToString()).ToJson();
        var run = new FuzzRun(TeamsFamily, output);
        foreach (var fuzzCase in run.Cases())
        {
            await run.RunAsync(fuzzCase, () => DownloadAsync(
                server, fuzzCase, (destination, ct) => downloader.DownloadAsync(new FileReference("errore.txt", null, locator), destination, MaxBytes, ct)));
        }

        run.Finish();
    }

    private static async Task DownloadAsync(ScriptedAnswerServer server, FuzzCase fuzzCase, Func<Stream, CancellationToken, Task<FileDownloadResult>> download)
    {
        var values = new Dictionary<string, string> { ["answerBaseUrl"] = server.BaseUrl.ToString() };
        server.Script(ScriptedAnswer.ListFrom(fuzzCase.MutateAnswers(JsonNode.Parse(fuzzCase.File.Text(values))), fuzzCase));
        using var destination = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var result = await download(destination, timeout.Token);

        fuzzCase.Note($"→ {result.Status} {result.Reason}");
        FuzzCheck.That(destination.Length <= MaxBytes, $"wrote {destination.Length} bytes past the cap of {MaxBytes}");
        FuzzCheck.That(result.Status != FileDownloadStatus.Downloaded || result.Bytes == destination.Length, $"says {result.Bytes} bytes, wrote {destination.Length}");
        // Corpus files named refused-* are answers that refuse the download; the others must download as they are.
        var refusal = Path.GetFileName(fuzzCase.File.Name).StartsWith("refused-", StringComparison.Ordinal);
        FuzzCheck.That(fuzzCase.Mutated || refusal || result.Status == FileDownloadStatus.Downloaded, $"the unmutated answers did not download: {result.Reason}");
        var listed = server.BaseUrl.Authority;
        FuzzCheck.That(
            server.Requests.All(r => r.Authorization is null || r.Host == listed),
            "a token reached a host that is not listed: " + string.Join(", ", server.Requests.Select(r => r.Host)));
    }
}
