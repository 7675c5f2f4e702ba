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
