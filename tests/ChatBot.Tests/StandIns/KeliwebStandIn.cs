using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ChatBot.Tests.StandIns;

/// <summary>
/// A Keliweb APIv2 stand-in on real HTTP: <c>php -S 127.0.0.1:&lt;free port&gt; StandIns/Keliweb/keliweb.php</c> with
/// 4 workers, so requests are parsed by PHP itself (multipart into <c>$_POST</c>, <c>base64_decode</c>,
/// <c>json_decode</c>, <c>unserialize</c>) the way the real WHMCS-based server does.
/// <para>
/// Credentials: <see cref="ClientId"/>/<see cref="ClientSecret"/>; any email with <see cref="UserPassword"/>. Refresh
/// tokens rotate (an old one gets 400 invalid_grant); an expired or unknown bearer gets 401. Behaviour follows
/// WHMCS: <c>Department ID not found</c> for <see cref="SetUnknownDepartmentsAsync"/>, <c>Name and email address are
/// required if not a client</c>, unknown priorities coerced to Low (see <see cref="StandInTicket.EffectivePriority"/>).
/// </para>
/// <para>
/// Concurrency: PHP's server forks the workers, each accepting connections as they arrive; a worker may accept a
/// connection while it is still reading another request and serve it only after that script ends. So requests run in
/// parallel, but one can wait behind a slow one (e.g. a scripted delay or a 20 MB upload): give polls such as
/// <see cref="WaitForTicketsAsync"/> deadlines longer than any scripted delay. The master serves requests too (so 5
/// processes serve with 4 workers); each close-connection fault ends one of them for good (PHP does not respawn).
/// </para>
/// <para>
/// Control: the fixture talks to the script's <c>/__control/*</c> endpoints (documented at the top of keliweb.php);
/// the script keeps its state in a private temporary folder, guarded by flock. Faults are scripted per method for
/// the next N calls (<see cref="FailNextAsync"/>). Usage:
/// <code>
/// await using var keliweb = await KeliwebStandIn.StartAsync();
/// // configuration for AddKeliweb / WebApplicationFactory: keliweb.Configuration (Keliweb:BaseUrl, keys, default login)
/// await keliweb.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(503, headers: new() { ["Retry-After"] = "7" }));
/// var ticket = (await keliweb.WaitForTicketsAsync(1, TimeSpan.FromSeconds(10)))[0];
/// </code>
/// </para>
/// </summary>
public sealed partial class KeliwebStandIn : IAsyncDisposable
{
    public const string ClientId = "test-client";
    public const string ClientSecret = "test-secret";
    public const string UserPassword = "correct-password";
    public const string DefaultUsername = "default@example.com";

    public const string OpenTicket = "open-ticket";
    public const string AddTicketReply = "add-ticket-reply";
    public const string GetTicket = "get-ticket";
    public const string Token = "oauth/token";

    private static readonly string[] SetsidPaths = ["/usr/bin/setsid", "/bin/setsid"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly Process php;
    private readonly string stateFolder;
    private readonly HttpClient control;
    private readonly StringBuilder serverLog;
    private int disposed;

    private KeliwebStandIn(Process php, string stateFolder, Uri baseUrl, StringBuilder serverLog)
    {
        this.php = php;
        this.stateFolder = stateFolder;
        this.serverLog = serverLog;
        BaseUrl = baseUrl;
        control = new HttpClient { BaseAddress = new Uri(baseUrl, "__control/") };
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>, with the trailing slash Keliweb:BaseUrl needs.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Keliweb settings pointing at this stand-in, with a default account that can log in.</summary>
    public IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["Keliweb:BaseUrl"] = BaseUrl.ToString(),
        ["Keliweb:ClientId"] = ClientId,
        ["Keliweb:ClientSecret"] = ClientSecret,
        ["Keliweb:Username"] = DefaultUsername,
        ["Keliweb:Password"] = UserPassword,
    };

    /// <summary>What PHP's server printed (request lines, PHP errors): for failure messages.</summary>
    public string ServerLog
    {
        get
        {
            lock (serverLog)
            {
                return serverLog.ToString();
            }
        }
    }

    /// <param name="workers">PHP_CLI_SERVER_WORKERS: parallel requests; each close-connection fault uses up one server process.</param>
    public static async Task<KeliwebStandIn> StartAsync(int workers = 4)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "StandIns", "Keliweb", "keliweb.php");
        if (!File.Exists(script))
        {
            throw new FileNotFoundException("The stand-in script is copied to the output by the test project (StandIns/**/*.php).", script);
        }

        for (var attempt = 1; ; attempt++)
        {
            var stateFolder = Directory.CreateTempSubdirectory("keliweb-standin-").FullName;
            var baseUrl = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/");
            var log = new StringBuilder();
            var php = Process.Start(StartInfo(script, baseUrl, stateFolder, workers))!;
            php.OutputDataReceived += (_, e) => Append(log, e.Data);
            php.ErrorDataReceived += (_, e) => Append(log, e.Data);
            php.BeginOutputReadLine();
            php.BeginErrorReadLine();
            var standIn = new KeliwebStandIn(php, stateFolder, baseUrl, log);
            if (await standIn.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(15)))
            {
                return standIn;
            }

            await standIn.DisposeAsync();
            // Another process may have taken the port between probing and php binding it.
            if (attempt == 3)
            {
                throw new InvalidOperationException($"The PHP Keliweb stand-in did not start:\n{log}");
            }
        }
    }

    public Task ResetAsync() => PostAsync("reset", new { });

    public Task SetAccessTokenLifetimeAsync(int seconds) => PostAsync("config", new { access_token_lifetime = seconds });

    /// <summary>Departments open-ticket refuses with WHMCS's <c>Department ID not found</c>.</summary>
    public Task SetUnknownDepartmentsAsync(params int[] departmentIds) => PostAsync("config", new { unknown_deptids = departmentIds });

    /// <summary>Whether get-ticket names the public number <c>tid</c> (default) or <c>ticketnum</c> (WHMCS's table).</summary>
    public Task SetTicketNumberFieldAsync(string name) => PostAsync("config", new { ticket_number_field = name });

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> (e.g. <see cref="OpenTicket"/>) do <paramref name="fault"/>.</summary>
    public Task FailNextAsync(string method, StandInFault fault, int count = 1)
    {
        var body = JsonSerializer.SerializeToNode(fault)!.AsObject();
        body["method"] = method;
        body["count"] = count;
        return PostAsync("fault", body);
    }

    /// <summary>Forgets the scripted faults no call has used yet.</summary>
    public Task ClearFaultsAsync() => PostAsync("clear-faults", new { });

    /// <summary>Every access token issued so far is refused with 401 from now on.</summary>
    public Task ExpireAccessTokensAsync() => PostAsync("expire-access-tokens", new { });

    /// <summary>Every refresh token issued so far is refused with invalid_grant from now on.</summary>
    public Task RevokeRefreshTokensAsync() => PostAsync("revoke-refresh-tokens", new { });

    public async Task<IReadOnlyList<StandInTicket>> GetTicketsAsync() => (await GetStateAsync()).Tickets.Select(t => t.ToRecord()).ToList();

    public async Task<IReadOnlyList<StandInReply>> GetRepliesAsync() => (await GetStateAsync()).Replies.Select(r => r.ToRecord()).ToList();

    public async Task<IReadOnlyList<StandInTokenRequest>> GetTokenRequestsAsync() => (await GetStateAsync()).TokenRequests;

    /// <summary>How many times a method was called, faults and refusals included.</summary>
    public async Task<int> GetCallCountAsync(string method) => (await GetStateAsync()).Calls.GetValueOrDefault(method);

    /// <summary>Polls until at least <paramref name="count"/> tickets exist; throws <see cref="TimeoutException"/> at the deadline.</summary>
    public async Task<IReadOnlyList<StandInTicket>> WaitForTicketsAsync(int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var tickets = await GetTicketsAsync();
            if (tickets.Count >= count)
            {
                return tickets;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The Keliweb stand-in has {tickets.Count} tickets after {timeout}, expected {count}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        control.Dispose();
        // The whole process group: the workers outlive the master otherwise, and the master itself may already be
        // gone (it serves requests too, so a close-connection fault can end it and orphan the workers).
        await KillProcessGroupAsync(php.Id);
        try
        {
            php.Kill(entireProcessTree: true);
            await php.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        php.Dispose();
        try
        {
            Directory.Delete(stateFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private async Task<KeliwebStandInState> GetStateAsync() =>
        (await control.GetFromJsonAsync<KeliwebStandInState>("state", Json))!;

    private async Task PostAsync(string action, object body)
    {
        using var response = await control.PostAsJsonAsync(action, body, Json);
        response.EnsureSuccessStatusCode();
    }

    private async Task<bool> WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !php.HasExited)
        {
            try
            {
                using var response = await control.GetAsync("state");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        return false;
    }

    private static ProcessStartInfo StartInfo(string script, Uri baseUrl, string stateFolder, int workers)
    {
        // setsid makes php the leader of a new process group (same pid, no fork), so dispose can end every worker.
        var php = Environment.GetEnvironmentVariable("KELIWEB_STANDIN_PHP") ?? "php";
        var start = new ProcessStartInfo(Setsid ?? php)
        {
            WorkingDirectory = Path.GetDirectoryName(script)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Setsid is not null)
        {
            start.ArgumentList.Add(php);
        }

        // Large enough for a 50 MB attachment: ~89 MB field, decoded twice in memory by the script.
        foreach (var setting in new[] { "post_max_size=512M", "upload_max_filesize=512M", "memory_limit=2G", "display_errors=stderr", "max_input_time=-1" })
        {
            start.ArgumentList.Add("-d");
            start.ArgumentList.Add(setting);
        }

        start.ArgumentList.Add("-S");
        start.ArgumentList.Add($"{baseUrl.Host}:{baseUrl.Port}");
        start.ArgumentList.Add(script);
        start.Environment["PHP_CLI_SERVER_WORKERS"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["KELIWEB_STANDIN_STATE"] = stateFolder;
        return start;
    }

    private static string? Setsid => SetsidPaths.FirstOrDefault(File.Exists);

    private static async Task KillProcessGroupAsync(int groupId)
    {
        var kill = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { "-KILL", "--", $"-{groupId}" })
        {
            kill.ArgumentList.Add(argument);
        }

        using var process = Process.Start(kill)!;
        await process.WaitForExitAsync();
    }


    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            // Keep the tail only: a long test run logs every request.
            if (log.Length > 64 * 1024)
            {
                log.Remove(0, log.Length - (32 * 1024));
            }

            log.AppendLine(line);
        }
    }
}
