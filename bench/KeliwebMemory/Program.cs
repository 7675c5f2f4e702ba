using System.Diagnostics;
using System.Security.Cryptography;
using ChatBot.Keliweb;
using ChatBot.Tests.StandIns;
using KeliwebMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Sends one ticket with a 50 MB attachment to the PHP stand-in and reports how far the working set rose above idle.
// The attachment is streamed from disk (base64 of JSON of base64), so the rise should stay far below the file size.
const long FileBytes = 50L * 1024 * 1024;
const long TargetBytes = 64L * 1024 * 1024;

await using var standIn = await KeliwebStandIn.StartAsync();
var folder = Directory.CreateTempSubdirectory("keliweb-bench-");
try
{
    var (bigFile, bigSha256) = WriteRandomFile(Path.Combine(folder.FullName, "big.pdf"), FileBytes);
    var warmUpFile = WriteRandomFile(Path.Combine(folder.FullName, "warm-up.pdf"), 8L * 1024 * 1024).Path;

    var settings = new Dictionary<string, string?>(standIn.Configuration) { ["Keliweb:Timeout"] = "00:05:00" };
    var services = new ServiceCollection()
        .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
        .AddSingleton<IKeliwebTokenStore, InMemoryTokenStore>()
        .AddKeliweb(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .BuildServiceProvider();
    var client = services.GetRequiredService<KeliwebClient>();

    // Warm-up: token, connection, and enough loop iterations (8 MB) for tiered JIT to optimize the streaming path, as
    // it is in a bot that has been running; a cold first send is slower and its JIT and sampling noise inflate the rise.
    await OpenAsync(client, new AttachmentFile("warm-up.pdf", warmUpFile));
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    var idle = self.WorkingSet64;
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

    using var sampling = new CancellationTokenSource();
    var peak = idle;
    var sampler = Task.Run(async () =>
    {
        using var process = Process.GetCurrentProcess();
        while (!sampling.IsCancellationRequested)
        {
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
            await Task.Delay(5, CancellationToken.None);
        }
    }, CancellationToken.None);

    var elapsed = Stopwatch.StartNew();
    var result = await OpenAsync(client, new AttachmentFile("fattura_città_€.pdf", bigFile));
    elapsed.Stop();
    await sampling.CancelAsync();
    await sampler;
    self.Refresh();
    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

    var tickets = await standIn.GetTicketsAsync();
    var received = tickets[^1].Attachments.Single();
    var verified = result is KeliwebResult<OpenedTicket>.Success && received.Sha256 == bigSha256 && received.Size == FileBytes;
    var rise = peak - idle;

    Console.WriteLine($"attachment:            {Mb(FileBytes)} ({Mb(AttachmentEncoding.EncodedLength([(received.Name, FileBytes)]))} encoded field)");
    Console.WriteLine($"request body:          {Mb(tickets[^1].ContentLength)}, sent in {elapsed.Elapsed.TotalSeconds:F1} s");
    Console.WriteLine($"result:                {result.GetType().Name}; stand-in sha256 {(verified ? "matches" : "DOES NOT MATCH")}");
    Console.WriteLine($"idle working set:      {Mb(idle)}");
    Console.WriteLine($"peak working set:      {Mb(peak)} (sampled every 5 ms)");
    Console.WriteLine($"rise above idle:       {Mb(rise)} (target < {Mb(TargetBytes)})");
    Console.WriteLine($"process peak (VmHWM):  {Mb(self.PeakWorkingSet64)} (since start, includes startup)");
    Console.WriteLine($"managed allocations:   {Mb(allocated)} during the send");
    return verified && rise < TargetBytes ? 0 : 1;
}
finally
{
    folder.Delete(recursive: true);
}

static Task<KeliwebResult<OpenedTicket>> OpenAsync(KeliwebClient client, AttachmentFile file) =>
    client.OpenTicketAsync(
        KeliwebOptions.DefaultAccountId,
        new OpenTicketRequest(DeptId: 1, Subject: "Benchmark", Message: "50 MB attachment", ClientId: 1, Attachments: [file]),
        CancellationToken.None);

static (string Path, string Sha256) WriteRandomFile(string path, long length)
{
    var random = new Random(50);
    var chunk = new byte[1024 * 1024];
    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    using (var file = File.Create(path))
    {
        for (var left = length; left > 0; left -= chunk.Length)
        {
            var part = chunk.AsSpan(0, (int)Math.Min(chunk.Length, left));
            random.NextBytes(part);
            file.Write(part);
            hash.AppendData(part);
        }
    }

    return (path, Convert.ToHexStringLower(hash.GetHashAndReset()));
}

static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):F1} MB";
