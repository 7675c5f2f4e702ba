// Sync benchmark (not a test): N followed tickets against a Keliweb stand-in answering get-ticket in 100 ms (a child
// process, so its CPU is not counted), the budget (Sync:MaxRequestsPerSecond) checked per second at the stand-in, CPU
// and memory of the bot's process sampled every second. On SQLite.
// Usage: dotnet run -c Release --project bench/SyncFollowing [-- <seconds> <tickets> <max requests per second> <latency ms>]
using System.Diagnostics;
using System.Globalization;
using ChatBot.Alerts;
using ChatBot.ChatCommands;
using ChatBot.Keliweb;
using ChatBot.Linking;
using ChatBot.Linking.SignIn;
using ChatBot.Storage;
using ChatBot.Sync;
using ChatBot.Telemetry;
using ChatBot.Tickets;
using Dapper;
using SyncFollowing;

if (args is ["--keliweb", var latencyArg])
{
    await SlowKeliweb.RunAsync(int.Parse(latencyArg, CultureInfo.InvariantCulture));
    return;
}

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 600;
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var budget = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var latency = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100;
// "steady" (default): the tickets as a running bot holds them, idle for hours, their next looks spread over the idle
// interval; "fresh": just announced, so every one is active (a look a minute) and due at once.
var mode = args.Length > 4 ? args[4] : "steady";

using var keliweb = StartKeliweb(latency, out var keliwebUrl);
using var http = new HttpClient { BaseAddress = new Uri(keliwebUrl) };
var data = Path.Combine(Path.GetTempPath(), "chatbot-sync-bench", Guid.NewGuid().ToString("n"));

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Storage:DataPath"] = data,
    ["Keliweb:BaseUrl"] = keliwebUrl,
    ["Keliweb:ClientId"] = "bench",
    ["Keliweb:ClientSecret"] = "bench",
    ["Keliweb:Username"] = "bench@example.com",
    ["Keliweb:Password"] = "bench",
    ["Tickets:Departments:0:Id"] = "1",
    ["Tickets:Departments:0:Name"] = "Support",
    ["Sync:MaxRequestsPerSecond"] = budget.ToString(CultureInfo.InvariantCulture),
});
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddTelemetry(builder.Configuration).AddAlerts(builder.Configuration).AddStorage(builder.Configuration)
    .AddKeliweb(builder.Configuration).AddLinking(builder.Configuration).AddSignIn(builder.Configuration).AddChatCommands().AddTickets(builder.Configuration).AddSync(builder.Configuration);
var chat = new BenchChat();
builder.Services.AddSingleton<IChatChannel>(chat);
builder.Services.AddSingleton<ITicketThreads>(chat);
using var host = builder.Build();
await host.StartAsync();
var intake = host.Services.GetRequiredService<TicketIntake>();
var database = host.Services.GetRequiredService<Database>();

// Seeding: N tickets opened and announced through the real pipeline; each is followed from its announcement.
var seed = Stopwatch.StartNew();
await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
    await intake.AcceptAsync(Draft("bench " + i), "bench:" + i, ct));
while (await FollowedAsync() < count)
{
    if (seed.Elapsed > TimeSpan.FromMinutes(10))
    {
        throw new TimeoutException($"{await FollowedAsync()} of {count} tickets followed after 10 minutes");
    }

    await Task.Delay(500);
}

if (mode == "steady")
{
    var idle = (long)host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SyncOptions>>().Value.IdlePollInterval.TotalMilliseconds;
    await using var connection = await database.OpenAsync(default);
    var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    await connection.ExecuteAsync(
        "UPDATE ticket_sync SET last_activity_at = @old, interval_ms = @idle, next_poll_at = @now + (ABS(RANDOM()) % @idle), lease_owner = NULL, lease_until = NULL",
        new { old = nowMs - (3 * 3_600_000L), idle, now = nowMs });
}

Console.WriteLine($"seeded {count} followed tickets in {seed.Elapsed.TotalSeconds:F0} s (budget {budget}/s, get-ticket latency {latency} ms, {mode})");
await Task.Delay(TimeSpan.FromSeconds(5));
GC.Collect();
using var process = Process.GetCurrentProcess();
(await http.PostAsync(new Uri("reset", UriKind.Relative), null)).EnsureSuccessStatusCode();
var repliesBefore = chat.Replies;
var statusesBefore = chat.Statuses;
process.Refresh();
var cpuStart = process.TotalProcessorTime;
var wall = Stopwatch.StartNew();
var rss = new List<long>();
var heap = new List<long>();
var cpuPerSecond = new List<double>();
var lastCpu = cpuStart;
var lastWall = TimeSpan.Zero;
while (wall.Elapsed < TimeSpan.FromSeconds(seconds))
{
    await Task.Delay(1000);
    process.Refresh();
    rss.Add(process.WorkingSet64);
    heap.Add(GC.GetTotalMemory(false));
    var now = wall.Elapsed;
    cpuPerSecond.Add((process.TotalProcessorTime - lastCpu).TotalMilliseconds / (now - lastWall).TotalMilliseconds * 100);
    lastCpu = process.TotalProcessorTime;
    lastWall = now;
}

var elapsed = wall.Elapsed;
var cpu = process.TotalProcessorTime - cpuStart;
var stats = (await http.GetStringAsync(new Uri("stats", UriKind.Relative))).Split(';');
var perSecond = stats[1].Length == 0 ? [] : stats[1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
// The last second is partial: left out.
var full = perSecond.Take(Math.Max(0, perSecond.Count - 1)).ToList();
var total = perSecond.Sum();
await using (var connection = await database.OpenAsync(default))
{
    var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    var overdue = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ticket_sync WHERE next_poll_at < @now", new { now = nowMs });
    var neverLooked = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ticket_sync WHERE status IS NULL");
    var active = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ticket_sync WHERE interval_ms < 1800000");
    Console.WriteLine($"run: {elapsed.TotalSeconds:F0} s; get-ticket calls {total} = {total / elapsed.TotalSeconds:F2}/s (budget {budget}/s); "
        + $"per whole second: max {(full.Count > 0 ? full.Max() : 0)}, p99 {Percentile(full, 0.99)}, p50 {Percentile(full, 0.50)}; "
        + $"max in flight at Keliweb {stats[0]}");
    Console.WriteLine($"tickets: {count} followed, {neverLooked} not looked at yet, {overdue} overdue at the end, {active} on a shorter interval than idle; "
        + $"staff replies posted {chat.Replies - repliesBefore}, status updates {chat.Statuses - statusesBefore}");
}

Console.WriteLine($"cpu: {cpu.TotalSeconds:F1} s over {elapsed.TotalSeconds:F0} s = {cpu.TotalMilliseconds / elapsed.TotalMilliseconds * 100:F2}% of one core "
    + $"(per-second p50 {Percentile(cpuPerSecond, 0.5):F1}%, p99 {Percentile(cpuPerSecond, 0.99):F1}%); "
    + $"rss start {rss[0] / 1048576.0:F0} MB, peak {rss.Max() / 1048576.0:F0} MB, end {rss[^1] / 1048576.0:F0} MB; "
    + $"managed heap peak {heap.Max() / 1048576.0:F0} MB");

await host.StopAsync();
keliweb.StandardInput.Close();
await keliweb.WaitForExitAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(data, recursive: true);

async Task<long> FollowedAsync()
{
    await using var connection = await database.OpenAsync(default);
    return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ticket_sync");
}

static T Percentile<T>(List<T> values, double p)
{
    if (values.Count == 0)
    {
        return default!;
    }

    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1))];
}

static Process StartKeliweb(int latency, out string url)
{
    var self = Environment.ProcessPath!;
    var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
        ? new ProcessStartInfo(self, $"\"{typeof(BenchChat).Assembly.Location}\" --keliweb {latency}")
        : new ProcessStartInfo(self, $"--keliweb {latency}");
    start.RedirectStandardInput = true;
    start.RedirectStandardOutput = true;
    start.UseShellExecute = false;
    var child = Process.Start(start) ?? throw new InvalidOperationException("the Keliweb stand-in did not start");
    var line = child.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the Keliweb stand-in said nothing");
    url = line["ready ".Length..] + "/";
    return child;
}

static TicketDraft Draft(string subject) => new(
    1, subject, "Benchmark ticket body.", TicketPriority.Medium, null, null,
    new Dictionary<int, string>(), [], new Requester("bench", "T1", "U1", "Bench", "bench@example.com", "en-US"), "{}");
