using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// Usage: dotnet run -c Release --project bench/slack/ServiceOptionsBench -- <published ChatBot or ChatBot.dll> [accounts=400] [cold loops=1,8] [warm loops=16] [warm seconds=10] [keliweb ms=300]
// The service typeahead's answer time (POST /slack/options, block_suggestion, signature verified) with the services
// cache cold (each request the first of its account: get-clients-products is waited for, the stand-in answering
// after the given delay) and warm (every account's list cached). One Keliweb account serves <accounts> clients
// through as many user links, so each user's first request is a cache miss of its own.
var bot = args.Length > 0 ? Path.GetFullPath(args[0]) : throw new ArgumentException("path to the published ChatBot (native) or ChatBot.dll");
var accounts = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 400;
var coldLoops = (args.Length > 2 ? args[2] : "1,8").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var warmLoops = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 16;
var warmSeconds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 10;
var keliwebDelay = TimeSpan.FromMilliseconds(args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 300);
const string SlackSecret = "bench-slack-signing-secret";
const string Team = "T0BENCH";

var fetches = 0;
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
await using var standIn = builder.Build();
standIn.MapPost("/slack/users.info", async (HttpRequest request) =>
{
    var user = (await request.ReadFormAsync())["user"].ToString();
    return Results.Text(
        new JsonObject
        {
            ["ok"] = true,
            ["user"] = new JsonObject
            {
                ["id"] = user, ["team_id"] = Team, ["name"] = "bench", ["real_name"] = "Bench User", ["locale"] = "it-IT",
                ["profile"] = new JsonObject { ["email"] = "bench@example.com", ["real_name"] = "Bench User" },
            },
        }.ToJsonString(),
        "application/json");
});
standIn.MapPost("/oauth/token", () => Results.Text(
    """{"token_type":"Bearer","expires_in":3600,"access_token":"bench-access","refresh_token":"bench-refresh"}""", "application/json"));
standIn.MapPost("/api/v2/keliweb/get-clients-products", async (HttpRequest request) =>
{
    var client = (await request.ReadFormAsync())["clientid"].ToString();
    Interlocked.Increment(ref fetches);
    await Task.Delay(keliwebDelay);
    var products = string.Join(",", Enumerable.Range(1, 12).Select(i =>
        $$"""{"id":"{{client}}{{i:D2}}","clientid":"{{client}}","name":"{{(i % 3 == 0 ? "VPS Pro" : "Hosting Starter")}}","domain":"shop{{i}}.example.it","status":"Active","username":"u","password":"p"}"""));
    return Results.Text(
        $$$"""{"result":"success","clientid":"{{{client}}}","totalresults":"12","startnumber":0,"numreturned":12,"products":{"product":[{{{products}}}]}}""",
        "application/json");
});
await standIn.StartAsync();
var standInUrl = standIn.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

var port = FreePort();
var data = Directory.CreateTempSubdirectory("options-bench-").FullName;
var native = !bot.EndsWith(".dll", StringComparison.Ordinal);
var start = new ProcessStartInfo(native ? bot : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(bot)! };
if (!native)
{
    start.ArgumentList.Add(bot);
}

var env = start.Environment;
env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
env["ASPNETCORE_ENVIRONMENT"] = "Production";
env["Logging__LogLevel__Default"] = "Warning";
env["Storage__DataPath"] = data;
env["Keliweb__BaseUrl"] = standInUrl + "/";
env["Keliweb__ClientId"] = "bench";
env["Keliweb__ClientSecret"] = "bench";
env["Keliweb__Username"] = "bench@example.com";
env["Keliweb__Password"] = "bench";
env["Tickets__Departments__0__Id"] = "1";
env["Tickets__Departments__0__Name"] = "Technical support";
env["Slack__SigningSecret"] = SlackSecret;
env["Slack__BotToken"] = "xoxb-bench";
env["Slack__ApiBaseUrl"] = standInUrl + "/slack/";
for (var i = 0; i < accounts; i++)
{
    env[$"Links__{i}__Platform"] = "slack";
    env[$"Links__{i}__TeamId"] = Team;
    env[$"Links__{i}__UserId"] = User(i);
    env[$"Links__{i}__Account"] = "default";
    env[$"Links__{i}__ClientId"] = (1000 + i).ToString(CultureInfo.InvariantCulture);
}

using var process = Process.Start(start)!;
process.OutputDataReceived += (_, _) => { };
process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("bot: " + e.Data); };
process.BeginOutputReadLine();
process.BeginErrorReadLine();

using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
await WaitForAsync(client, TimeSpan.FromSeconds(60));

// Signed as Slack signs (v0, HMAC-SHA256 over "v0:{timestamp}:{body}"); the run lasts well under Slack's 5 minutes.
async Task<(int Options, double Ms)> SuggestAsync(int user, string typed)
{
    var payload = new JsonObject
    {
        ["type"] = "block_suggestion",
        ["user"] = new JsonObject { ["id"] = User(user), ["team_id"] = Team },
        ["team"] = new JsonObject { ["id"] = Team },
        ["action_id"] = "service",
        ["block_id"] = "service",
        ["value"] = typed,
    };
    var body = "payload=" + Uri.EscapeDataString(payload.ToJsonString());
    var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SlackSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
    using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/options") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
    request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
    request.Headers.Add("X-Slack-Signature", signature);
    var started = Stopwatch.GetTimestamp();
    using var response = await client.SendAsync(request);
    var answer = await response.Content.ReadAsStringAsync();
    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    if (response.StatusCode != HttpStatusCode.OK)
    {
        throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {answer}");
    }

    var options = JsonNode.Parse(answer)!["options"]!.AsArray();
    // The "cannot be loaded" choice means the answer went out without the list: counted apart, not as a list.
    return (options.Count == 1 && options[0]!["value"]!.GetValue<string>() == "none" ? -1 : options.Count, ms);
}

string[] queries = ["", "host", "shop1", "VPS", "example.it", "zzz"];
var next = 0;
foreach (var loops in coldLoops)
{
    // Cold: each request is its account's first, so the bot waits for get-clients-products (within its 2 s budget).
    var first = next;
    var count = Math.Min(accounts - first, Math.Max(loops * 25, 100));
    next += count;
    var cold = await RunAsync(loops, count, i => SuggestAsync(first + i, "host"));
    Report($"cold cache, {loops} concurrent, Keliweb {keliwebDelay.TotalMilliseconds:F0} ms", cold);
}

// Warm every account used, then measure from the cache.
await RunAsync(8, next, i => SuggestAsync(i, ""));
var warm = new List<(int Options, double Ms)>();
var stopAt = Stopwatch.GetTimestamp() + (long)(warmSeconds * Stopwatch.Frequency);
var wall = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, warmLoops).Select(async loop =>
{
    var mine = new List<(int, double)>();
    for (var i = loop; Stopwatch.GetTimestamp() < stopAt; i += warmLoops)
    {
        mine.Add(await SuggestAsync(i % next, queries[i % queries.Length]));
    }

    lock (warm)
    {
        warm.AddRange(mine);
    }
}));
wall.Stop();
Report($"warm cache, {warmLoops} concurrent, {warm.Count / wall.Elapsed.TotalSeconds:F0} req/s", warm);
Console.WriteLine($"get-clients-products calls: {fetches} for {next} accounts");

process.Kill(entireProcessTree: true);
await process.WaitForExitAsync();
Directory.Delete(data, recursive: true);
return 0;

static async Task<List<(int Options, double Ms)>> RunAsync(int loops, int count, Func<int, Task<(int, double)>> send)
{
    var results = new List<(int, double)>();
    var index = -1;
    await Task.WhenAll(Enumerable.Range(0, loops).Select(async _ =>
    {
        for (var i = Interlocked.Increment(ref index); i < count; i = Interlocked.Increment(ref index))
        {
            var result = await send(i);
            lock (results)
            {
                results.Add(result);
            }
        }
    }));
    return results;
}

static void Report(string name, List<(int Options, double Ms)> results)
{
    var all = results.Select(r => r.Ms).Order().ToArray();
    double Percentile(double p) => all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
    var unavailable = results.Count(r => r.Options < 0);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: {all.Length} requests, p50 {Percentile(0.50):F1} ms, p99 {Percentile(0.99):F1} ms, max {all[^1]:F1} ms, answered without the list: {unavailable}"));
}

static string User(int i) => "U0B" + i.ToString("D6", CultureInfo.InvariantCulture);

static int FreePort()
{
    using var socket = new TcpListener(IPAddress.Loopback, 0);
    socket.Start();
    return ((IPEndPoint)socket.LocalEndpoint).Port;
}

static async Task WaitForAsync(HttpClient client, TimeSpan timeout)
{
    var deadline = DateTime.UtcNow + timeout;
    while (DateTime.UtcNow < deadline)
    {
        try
        {
            using var response = await client.GetAsync("/healthz");
            if (response.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
            // not listening yet
        }

        await Task.Delay(100);
    }

    throw new TimeoutException("the bot did not start");
}
