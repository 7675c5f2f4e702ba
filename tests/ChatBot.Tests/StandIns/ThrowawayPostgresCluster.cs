using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChatBot.Tests.StandIns;

/// <summary>initdb into a temp folder and pg_ctl start on loopback; trust authentication, since only this machine can reach it.</summary>
internal sealed class ThrowawayPostgresCluster
{
    private readonly string _folder;
    private readonly string _pgCtl;

    private ThrowawayPostgresCluster(string folder, string pgCtl, int port)
    {
        _folder = folder;
        _pgCtl = pgCtl;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30";
    }

    public string ConnectionString { get; }

    private string DataFolder => Path.Combine(_folder, "data");

    public static async Task<ThrowawayPostgresCluster> StartAsync()
    {
        var initdb = FindBinary("initdb");
        var pgCtl = FindBinary("pg_ctl");
        var folder = Directory.CreateTempSubdirectory("chatbot-test-pg-").FullName;
        if (Environment.IsPrivilegedProcess)
        {
            // PostgreSQL refuses to run as root; the postgres user owns the cluster instead.
            await RunAsync("chown", ["postgres", folder], asPostgres: false);
        }

        var port = FreeLoopbackPort();
        var cluster = new ThrowawayPostgresCluster(folder, pgCtl, port);
        await RunAsync(initdb, ["-D", cluster.DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], asPostgres: true);
        await RunAsync(pgCtl,
        [
            "-D", cluster.DataFolder, "-l", Path.Combine(folder, "log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start",
        ], asPostgres: true);
        cluster.StartWatchdog();
        return cluster;
    }

    public async Task StopAsync()
    {
        try
        {
            await RunAsync(_pgCtl, ["-D", DataFolder, "-m", "immediate", "-w", "stop"], asPostgres: true);
        }
        finally
        {
            DeleteFolder();
        }
    }

    /// <summary>
    /// Stops the server and deletes its folder once this test process is gone, however it ends: the test host is
    /// often killed right after the last test, before any exit handler could finish. setsid -f detaches the
    /// watchdog, so killing the test host's process tree does not take it along.
    /// </summary>
    private void StartWatchdog()
    {
        var stop = $"{(Environment.IsPrivilegedProcess ? "runuser -u postgres -- " : "")}'{_pgCtl}' -D '{DataFolder}' -m immediate -w stop";
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf '{_folder}'";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var a in new[] { "-f", "sh", "-c", script })
        {
            start.ArgumentList.Add(a);
        }

        using var watchdog = Process.Start(start);
    }

    private void DeleteFolder()
    {
        // The postmaster may still be closing its log for a moment after pg_ctl returns.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static string FindBinary(string name)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
                : []);
        return folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"PostgreSQL tests need a server: set {PostgresServer.EnvironmentVariable} to a connection string, or install the PostgreSQL " +
                $"binaries ('{name}' was found neither on PATH nor under /usr/lib/postgresql/*/bin; Debian: apt-get install postgresql).");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgres && Environment.IsPrivilegedProcess ? "runuser" : file,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asPostgres && Environment.IsPrivilegedProcess)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL test server: '{file} {string.Join(' ', arguments)}' failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
