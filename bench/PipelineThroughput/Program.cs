// Pipeline benchmark (not a test): accept latency at a fixed rate, and sustained tickets per second through the
// worker, on SQLite, against a zero-latency Keliweb stand-in served by Kestrel in this process.
// Usage: dotnet run -c Release --project bench/PipelineThroughput [-- <rate per second> <seconds> <backlog>]
using System.Diagnostics;
using ChatBot.Keliweb;
using ChatBot.Linking;
using ChatBot.Storage;
using ChatBot.Tickets;
using PipelineThroughput;

var rate = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
var seconds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
var backlog = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 6000;

await using var keliweb = await ZeroLatencyKeliweb.StartAsync();
var data = Path.Combine(Path.GetTempPath(), "chatbot-bench", Guid.NewGuid().ToString("n"));

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Storage:DataPath"] = data,
    ["Keliweb:BaseUrl"] = keliweb.BaseUrl,
    ["Keliweb:ClientId"] = "bench",
    ["Keliweb:ClientSecret"] = "bench",
    ["Keliweb:Username"] = "bench@example.com",
    ["Keliweb:Password"] = "bench",
    ["Tickets:Departments:0:Id"] = "1",
    ["Tickets:Departments:0:Name"] = "Support",
});
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddStorage(builder.Configuration).AddKeliweb(builder.Configuration).AddLinking(builder.Configuration).AddTickets(builder.Configuration);
var channel = new InstantChannel();
builder.Services.AddSingleton<IChatChannel>(channel);
using var host = builder.Build();
await host.StartAsync();
var intake = host.Services.GetRequiredService<TicketIntake>();

// Warm-up: JIT, connection pools, the first token grant.
for (var i = 0; i < 200; i++)
{
    await intake.AcceptAsync(Draft("warm " + i), "warm:" + i, default);
}

await channel.WaitForAsync(200, TimeSpan.FromSeconds(60));

// 1. Accept latency at a fixed arrival rate (open loop: requests start on schedule, whatever the latency).
// The first 3 seconds at that rate are not measured: tiered JIT and the thread pool settle there.
var latencies = new List<double>();
var tasks = new List<Task>();
var clock = Stopwatch.StartNew();
var warm = rate * 3;
var total = warm + (rate * seconds);
for (var i = 0; i < total; i++)
{
    var due = TimeSpan.FromSeconds((double)i / rate);
    var wait = due - clock.Elapsed;
    if (wait > TimeSpan.Zero)
    {
        await Task.Delay(wait);
    }

    var n = i;
    tasks.Add(Task.Run(async () =>
    {
        var started = Stopwatch.GetTimestamp();
        await intake.AcceptAsync(Draft("rate " + n), "rate:" + n, default);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (n >= warm)
        {
            lock (latencies)
            {
                latencies.Add(ms);
            }
        }
    }));
}

await Task.WhenAll(tasks);
latencies.Sort();
Console.WriteLine($"accept at {rate}/s for {seconds}s: n={latencies.Count} p50={Percentile(0.50):F2} ms p99={Percentile(0.99):F2} ms max={latencies[^1]:F2} ms");
await channel.WaitForAsync(200 + total, TimeSpan.FromSeconds(120));

// 2. Sustained throughput: a backlog accepted at once, timed until every ticket is opened and announced.
var before = channel.Count;
var sw = Stopwatch.StartNew();
await Parallel.ForAsync(0, backlog, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
    await intake.AcceptAsync(Draft("backlog " + i), "backlog:" + i, ct));
var acceptedIn = sw.Elapsed;
await channel.WaitForAsync(before + backlog, TimeSpan.FromMinutes(5));
Console.WriteLine($"backlog of {backlog}: accepted in {acceptedIn.TotalSeconds:F2} s; all opened and announced in {sw.Elapsed.TotalSeconds:F2} s = {backlog / sw.Elapsed.TotalSeconds:F0} tickets/s (Keliweb calls: {keliweb.Tickets})");

await host.StopAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(data, recursive: true);

double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];

static TicketDraft Draft(string subject) => new(
    1, subject, "Benchmark ticket body with some **markdown**.", TicketPriority.Medium, null, null,
    new Dictionary<int, string>(), [], new Requester("bench", "T1", "U1", "Bench", "bench@example.com", "en-US"), "{}");
