using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

// Usage: dotnet run -c Release --project bench/slack/SocketModeBench -- <bot> <socket|http> [loops=32] [seconds=20]
//   <bot>: the published bot (the native ./ChatBot, or ChatBot.dll), started here with both transports on (signing
//          secret and app token), or "external:PORT": serve the stand-in on PORT and wait for any Socket Mode app
//          (Bolt: SLACK_API_URL=http://127.0.0.1:PORT/api/) to connect; only "socket" then.
// One process is Slack for the bot: the Web API (users.info, views.open, apps.connections.open) and the Socket Mode
// WebSocket server. The same loops then send /ticket either as signed HTTP posts or as slash_commands envelopes and
// time each until its acknowledgement (HTTP response / envelope ack). Prints req/s and latency percentiles.
var target = args.Length > 0 ? args[0] : throw new ArgumentException("path to the published bot, or external:PORT");
var mode = args.Length > 1 ? args[1] : "socket";
var loops = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 32;
var seconds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
const string Secret = "bench-slack-signing-secret";
const string AppToken = "xapp-1-A0BENCH-1-bench";
var external = target.StartsWith("external:", StringComparison.Ordinal);
var wantedSockets = external ? 1 : 2;

var sockets = new ConcurrentQueue<BenchSocket>();
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls($"http://127.0.0.1:{(external ? target["external:".Length..] : "0")}");
builder.Logging.ClearProviders();
await using var slack = builder.Build();
slack.UseWebSockets();
var userInfo = """{"ok":true,"user":{"id":"U0BENCH","team_id":"T0BENCH","name":"bench","real_name":"Bench User","locale":"it-IT","profile":{"email":"bench@example.com","real_name":"Bench User"}}}""";
slack.MapPost("/api/users.info", () => Results.Text(userInfo, "application/json"));
slack.MapPost("/api/views.open", () => Results.Text("""{"ok":true,"view":{"id":"V0BENCH"}}""", "application/json"));
slack.MapPost("/api/auth.test", () => Results.Text("""{"ok":true,"user_id":"U0BOT","team_id":"T0BENCH","bot_id":"B0BENCH"}""", "application/json"));
slack.MapPost("/api/apps.connections.open", (HttpContext http) => http.Request.Headers.Authorization == "Bearer " + AppToken
    ? Results.Text($$"""{"ok":true,"url":"ws://{{http.Request.Host}}/link/?ticket={{Guid.NewGuid():N}}"}""", "application/json")
    : Results.Text("""{"ok":false,"error":"invalid_auth"}""", "application/json"));
slack.Map("/link", async (HttpContext http) =>
{
    using var ws = await http.WebSockets.AcceptWebSocketAsync();
    var socket = new BenchSocket(ws);
    sockets.Enqueue(socket);
    await socket.RunAsync();
});
await slack.StartAsync();
var slackUrl = slack.Urls.First();
Console.Error.WriteLine($"Slack stand-in at {slackUrl}/api/");

Process? bot = null;
string? data = null;
var port = FreePort();
if (!external)
{
    data = Directory.CreateTempSubdirectory("socket-bench-").FullName;
    var start = target.EndsWith(".dll", StringComparison.Ordinal) ? new ProcessStartInfo("dotnet", [Path.GetFullPath(target)]) : new ProcessStartInfo(Path.GetFullPath(target));
    start.WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(target))!;
    start.RedirectStandardOutput = true;
    start.RedirectStandardError = true;
    var environment = new Dictionary<string, string>
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Slack__SigningSecret"] = Secret,
        ["Slack__BotToken"] = "xoxb-bench",
        ["Slack__AppToken"] = AppToken,
        ["Slack__ApiBaseUrl"] = slackUrl + "/api/",
        ["Slack__SocketHosts__0"] = new Uri(slackUrl).Authority,
        ["Storage__DataPath"] = data,
        ["Tickets__Departments__0__Id"] = "1",
        ["Tickets__Departments__0__Name"] = "IT",
        ["Keliweb__BaseUrl"] = "http://127.0.0.1:9/",
        ["Keliweb__Username"] = "bench@example.com",
        ["Keliweb__Password"] = "bench",
        ["Links__0__Platform"] = "slack",
        ["Links__0__TeamId"] = "T0BENCH",
        ["Links__0__Account"] = "default",
        ["Links__0__ClientId"] = "1",
    };
    foreach (var (key, value) in environment)
    {
        start.Environment[key] = value;
    }

    bot = Process.Start(start)!;
    bot.OutputDataReceived += (_, _) => { };
    bot.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("bot: " + e.Data); };
    bot.BeginOutputReadLine();
    bot.BeginErrorReadLine();
}

var deadline = Stopwatch.StartNew();
while (sockets.Count(s => s.HelloSent) < wantedSockets)
{
    if (deadline.Elapsed > TimeSpan.FromSeconds(external ? 600 : 30))
    {
        throw new TimeoutException("no Socket Mode connection");
    }

    await Task.Delay(50);
}

var open = sockets.Where(s => s.HelloSent).ToArray();
using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = loops }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
var form = "token=x&team_id=T0BENCH&team_domain=bench&channel_id=C0BENCH&channel_name=general&user_id=U0BENCH&user_name=bench"
    + "&command=%2Fticket&text=Sito+non+raggiungibile&api_app_id=A0BENCH&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1&trigger_id=1.2.3";
var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{form}")));
var formBytes = Encoding.UTF8.GetBytes(form);
var payload = new JsonObject();
foreach (var pair in form.Split('&'))
{
    var parts = pair.Split('=');
    payload[parts[0]] = WebUtility.UrlDecode(parts[1]);
}

var payloadJson = payload.ToJsonString();

async Task<(bool Ok, double Ms)> SendAsync(int i)
{
    var started = Stopwatch.GetTimestamp();
    if (mode == "http")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new ByteArrayContent(formBytes) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode == HttpStatusCode.OK, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    // A new envelope id each time: the bot remembers ids to answer re-deliveries, and a repeat would measure that.
    var id = Guid.NewGuid().ToString();
    var ack = await open[i % open.Length].SendAsync(id, $$"""{"envelope_id":"{{id}}","type":"slash_commands","accepts_response_payload":true,"payload":{{payloadJson}}}""");
    return (ack, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
}

for (var i = 0; i < 500; i++)
{
    if (!(await SendAsync(i)).Ok)
    {
        throw new InvalidOperationException("warm-up request failed");
    }
}

var latencies = new List<double>[loops];
var failures = 0;
var cpuBefore = bot?.TotalProcessorTime ?? TimeSpan.Zero;
var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
var wall = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, loops).Select(async loop =>
{
    var mine = latencies[loop] = [];
    for (var i = loop; Stopwatch.GetTimestamp() < stopAt; i += loops)
    {
        var (ok, ms) = await SendAsync(i);
        mine.Add(ms);
        if (!ok)
        {
            Interlocked.Increment(ref failures);
        }
    }
}));
wall.Stop();
bot?.Refresh();

var cpu = (bot?.TotalProcessorTime ?? TimeSpan.Zero) - cpuBefore;
var all = latencies.SelectMany(l => l).Order().ToArray();
double Percentile(double p) => all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
var transport = mode == "http" ? "HTTP (signed)" : $"Socket Mode ({open.Length} connections)";
var botFigures = bot is null ? "" : string.Create(CultureInfo.InvariantCulture, $", bot CPU {cpu.TotalMicroseconds / Math.Max(1, all.Length):F0} µs/ack, RSS {bot.WorkingSet64 / 1048576} MiB");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"/ticket over {transport}: {loops} loops, {wall.Elapsed.TotalSeconds:F1} s, {all.Length} acks, {failures} failed, {all.Length / wall.Elapsed.TotalSeconds:F0} req/s, p50 {Percentile(0.50):F2} ms, p90 {Percentile(0.90):F2} ms, p99 {Percentile(0.99):F2} ms, max {all[^1]:F2} ms{botFigures}"));

if (bot is not null)
{
    bot.Kill(entireProcessTree: true);
    await bot.WaitForExitAsync();
    Directory.Delete(data!, recursive: true);
}

return failures == 0 ? 0 : 1;

static int FreePort()
{
    using var socket = new TcpListener(IPAddress.Loopback, 0);
    socket.Start();
    return ((IPEndPoint)socket.LocalEndpoint).Port;
}

/// <summary>One accepted Socket Mode connection: hello, then envelopes out and acks in, matched by envelope id.</summary>
internal sealed class BenchSocket(WebSocket socket)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> pending = new();
    private readonly SemaphoreSlim sendLock = new(1, 1);

    public bool HelloSent { get; private set; }

    public async Task<bool> SendAsync(string id, string envelope)
    {
        var ack = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = ack;
        await sendLock.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(envelope), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            sendLock.Release();
        }

        return await ack.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task RunAsync()
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":"hello","num_connections":1,"connection_info":{"app_id":"A0BENCH"}}"""), WebSocketMessageType.Text, true, CancellationToken.None);
        HelloSent = true;
        var buffer = new byte[64 * 1024];
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            var length = result.Count;
            while (!result.EndOfMessage)
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                length += result.Count;
            }

            if (JsonNode.Parse(buffer.AsSpan(0, length))?["envelope_id"]?.GetValue<string>() is { } id && pending.TryRemove(id, out var ack))
            {
                ack.TrySetResult(true);
            }
        }
    }
}
