using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using ChatBot.Tests.StandIns;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChatBot.Tests.Startup;

/// <summary>How a configuration mistake ends the real program: for an operator at a shell, and for a test host.</summary>
public sealed class StartupExitTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("chatbot-test-exit-").FullName;

    [Fact]
    public async Task PartialSlackCredentials_FromTheCommandLine_ExitOne_NamingTheKey_WithoutStackTrace()
    {
        var start = new ProcessStartInfo(BotProcess.Command.FileName, BotProcess.Command.Arguments)
        {
            RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = _data,
        };
        start.Environment["Slack__BotToken"] = "xoxb-partial-secret";
        start.Environment["Storage__DataPath"] = _data;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);

        var output = await stderr + await stdout;
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("Slack is partly configured: Slack:SigningSecret missing.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb-partial-secret", output, StringComparison.Ordinal);
    }

    [Fact]
    public void PartialTeamsCredentials_UnderWebApplicationFactory_FailTheStart_NamingTheKey()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Storage:DataPath", _data)
            .UseSetting("Teams:AppId", "00000000-0000-0000-0000-000000000001"));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Teams:AppPassword missing", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_PrintsTheUsage_ExitsZero_WithoutStartingTheServer_EvenWhenThePortIsTaken(string help)
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var run = await BotProcess.RunToExitAsync(Settings(new() { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" }), _data, [help]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage: ChatBot <command>", run.Out, StringComparison.Ordinal);
        Assert.Contains("accounts add", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Out + run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data, "chatbot.db")));
    }

    [Theory]
    [InlineData("accounts", "--help")]
    [InlineData("links", "-h")]
    [InlineData("outbox", "list", "--help")]
    public async Task GroupHelp_ExitsZero_WithTheGroupsUsage(params string[] args)
    {
        var run = await BotProcess.RunToExitAsync(Settings([]), _data, args);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Contains(args[0] + " list", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralMistakes_FromTheCommandLine_ExitOne_ListingEveryOne()
    {
        var run = await BotProcess.RunToExitAsync(Settings(new()
        {
            ["Tickets:DefaultPriority"] = "Urgent",
            ["Tickets:MaxFiles"] = "25",
            ["Tickets:RetryBaseDelay"] = "-00:00:02",
            ["Teams:AppPassword"] = "teams-s3cr3t",
            ["Keliweb:BaseUrl"] = "http://operator:hunter2@keliweb.example/",
        }), _data);

        Assert.Equal(1, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("ChatBot cannot start:", lines[0]);
        Assert.Equal(
            [
                "- Teams is partly configured: Teams:AppId missing. Set all of Teams:AppId, Teams:AppPassword, or none to disable it.",
                "- Keliweb:BaseUrl must not contain a user name or password (put credentials in their own settings).",
                "- Keliweb:BaseUrl must use https (plain http is accepted only for localhost, 127.0.0.1 or ::1).",
                "- Tickets:DefaultPriority must be one of Low, Medium, High.",
                "- Tickets:MaxFiles must be between 0 and 20 (is 25).",
                "- Tickets:RetryBaseDelay must be a positive duration, e.g. 00:00:30 (is -00:00:02).",
            ],
            lines[1..]);
        Assert.DoesNotContain("hunter2", run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("teams-s3cr3t", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgresUnreachable_ExitsOne_WithOneLine_WithoutThePassword()
    {
        var run = await BotProcess.RunToExitAsync(Settings(new()
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = $"Host=127.0.0.1;Port={ClosedPort()};Database=chatbot;Username=chatbot;Password=hunter2-secret;Timeout=5",
        }), _data);

        AssertOneStorageLine(run, "ChatBot cannot start: the store cannot be used: PostgreSQL database 'chatbot' on 127.0.0.1:");
    }

    [Fact]
    public async Task PostgresUnknownRole_ExitsOne_WithOneLine_WithoutThePassword()
    {
        var server = new Npgsql.NpgsqlConnectionStringBuilder(await (await PostgresServer.SharedAsync()).CreateDatabaseAsync())
        {
            Username = "no_such_role_" + Guid.NewGuid().ToString("n")[..8],
            Password = "hunter2-secret",
        };

        var run = await BotProcess.RunToExitAsync(Settings(new()
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = server.ConnectionString,
        }), _data);

        AssertOneStorageLine(run, "ChatBot cannot start: the store cannot be used: PostgreSQL database");
        Assert.Contains(server.Username, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgresUnreachable_ForAnOperatorCommand_ExitsOne_WithOneLine()
    {
        var run = await BotProcess.RunToExitAsync(Settings(new()
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = $"Host=127.0.0.1;Port={ClosedPort()};Database=chatbot;Username=chatbot;Password=hunter2-secret;Timeout=5",
        }), _data, ["accounts", "list"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Storage error: the store cannot be used: PostgreSQL database 'chatbot'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Out + run.Error, StringComparison.Ordinal);
    }

    private static void AssertOneStorageLine((int ExitCode, string Out, string Error) run, string expected)
    {
        Assert.Equal(1, run.ExitCode);
        var failure = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("ChatBot cannot start", StringComparison.Ordinal));
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", run.Out + run.Error, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Settings(Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?> { ["Storage:DataPath"] = _data, ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public void PlainHttpPublicBaseUrl_FailsTheStart_ThePageWouldCarryPasswordsInClear()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Storage:DataPath", _data)
            .UseSetting("PublicBaseUrl", "http://chatbot.example.com/"));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("PublicBaseUrl must use https", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
