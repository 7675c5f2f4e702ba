using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ChatBot.Tests.StandIns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Tests.Telemetry;

/// <summary>
/// The bot as a real process (in CI also the native binary): OTLP export switched on by OTEL_EXPORTER_OTLP_ENDPOINT
/// alone, received by a stand-in collector, and JSON console logs by Logging:Console:FormatterName.
/// </summary>
public sealed class TelemetryProcessTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chatbot-otlp-").FullName;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _exports = new();
    private WebApplication? _collector;
    private Uri _collectorUrl = null!;

    public async Task InitializeAsync()
    {
        (_collector, _collectorUrl) = await LoopbackStandIn.StartAsync(app => app.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            _exports.Enqueue(("/v1/" + signal, body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
        }));
    }

    public async Task DisposeAsync()
    {
        await _collector!.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task OtlpEndpointSet_ExportsMetricsAndTraces_AndJsonLogsAreOneObjectPerLine()
    {
        await using var bot = await BotProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:DataPath"] = Path.Combine(_folder, "data"),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collectorUrl.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["Logging:Console:FormatterName"] = "json",
        }, _folder);
        using var http = new HttpClient();

        var deadline = Stopwatch.StartNew();
        while (!(Exported("/v1/metrics", "chatbot.keliweb.reachable") && Exported("/v1/traces", "/slack/commands")) && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            // Unsigned: refused, and still a request span.
            using var _ = await http.PostAsync(new Uri(bot.BaseUrl, "slack/commands"), new StringContent("command=%2Fticket"));
            await Task.Delay(200);
        }

        Assert.True(Exported("/v1/metrics", "chatbot.keliweb.reachable"), "no chatbot metric reached the collector");
        Assert.True(Exported("/v1/metrics", "chatbot"), "the resource names the service");
        Assert.True(Exported("/v1/traces", "/slack/commands"), "no request span reached the collector");
        Assert.True(Exported("/v1/traces", "http.response.status_code"), "the request span carries its status");
        var logLines = bot.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith('{')).ToList();
        Assert.NotEmpty(logLines);
        Assert.Contains(logLines, l => JsonDocument.Parse(l).RootElement.GetProperty("Message").GetString()!.StartsWith("Storage: Sqlite", StringComparison.Ordinal));
        Assert.DoesNotContain("info: ChatBot", bot.Output, StringComparison.Ordinal);
    }

    private bool Exported(string path, string text) =>
        _exports.Any(e => e.Path == path && Encoding.UTF8.GetString(e.Body).Contains(text, StringComparison.Ordinal));
}
