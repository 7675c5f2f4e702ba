using ChatBot.Keliweb;
using ChatBot.Linking;
using ChatBot.Slack;
using ChatBot.Teams;
using ChatBot.Tickets;
using ChatBot.Startup;
using ChatBot.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Tests.Startup;

public sealed class StartupReportTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("chatbot-test-report-").FullName;
    private readonly CapturedLog _log = new();

    [Fact]
    public void NothingConfigured_Starts_PlatformsDisabled_NamingTheirKeys()
    {
        Report([]);

        Assert.Contains("Slack: disabled (no credentials; set Slack:SigningSecret, Slack:BotToken to enable it)", _log.Lines);
        Assert.Contains("Teams: disabled (no credentials; set Teams:AppId, Teams:AppPassword to enable it)", _log.Lines);
        Assert.Contains(_log.Lines, l => l.StartsWith("Storage: Sqlite, SQLite file " + Path.Combine(_root, "data", "chatbot.db"), StringComparison.Ordinal));
        Assert.Contains("Tickets: 0 departments configured; guest tickets not allowed", _log.Lines);
    }

    [Fact]
    public void FullyConfigured_ReportsEnabled_AndNeverPrintsSecrets()
    {
        Report(new()
        {
            ["Slack:SigningSecret"] = "slack-signing-secret-value",
            ["Slack:BotToken"] = "xoxb-secret-token",
            ["Teams:AppId"] = "11111111-2222-3333-4444-555555555555",
            ["Teams:AppPassword"] = "teams-password-value",
            ["Keliweb:ClientId"] = "client-id-value",
            ["Keliweb:ClientSecret"] = "client-secret-value",
            ["Keliweb:Username"] = "support@example.com",
            ["Keliweb:Password"] = "keliweb-password-value",
            ["Tickets:Departments:0:Id"] = "1",
            ["Tickets:Departments:0:Name"] = "Support",
            ["Tickets:AllowGuests"] = "true",
        });

        Assert.Contains("Slack: enabled", _log.Lines);
        Assert.Contains("Teams: enabled", _log.Lines);
        Assert.Contains("Keliweb: https://apiv2.keliweb.it/; API keys present; default account configured", _log.Lines);
        Assert.Contains(_log.Lines, l => l.StartsWith("Teams:TenantId is not set", StringComparison.Ordinal));
        Assert.Contains("Tickets: 1 departments configured; guest tickets allowed", _log.Lines);
        foreach (var secret in new[] { "slack-signing-secret-value", "xoxb-secret-token", "teams-password-value", "client-secret-value", "keliweb-password-value", "client-id-value" })
        {
            Assert.DoesNotContain(_log.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("Slack:SigningSecret", "Slack is partly configured: Slack:BotToken missing.")]
    [InlineData("Teams:AppPassword", "Teams is partly configured: Teams:AppId missing.")]
    [InlineData("Keliweb:ClientId", "Keliweb API keys is partly configured: Keliweb:ClientSecret missing.")]
    [InlineData("Keliweb:Password", "Keliweb default account is partly configured: Keliweb:Username missing.")]
    public void PartialCredentials_StopTheStart_NamingTheMissingKey(string onlyKey, string expected)
    {
        var error = Assert.Throws<StartupConfigurationException>(() => Report(new() { [onlyKey] = "s3cr3t-partial" }));

        Assert.StartsWith(expected, Assert.Single(error.Problems), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-partial", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_log.Lines, l => l.StartsWith("Storage:", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce_OneLineEach_WithTheFullKeyAndWhatIsAllowed()
    {
        var error = Assert.Throws<StartupConfigurationException>(() => Report(new()
        {
            ["Storage:Provider"] = "Postgres",
            ["Teams:AppId"] = "11111111-2222-3333-4444-555555555555",
            ["Keliweb:Username"] = "support@example.com",
            ["Keliweb:MaxRequestBytes"] = "lots-s3cr3t",
            ["Keliweb:Timeout"] = "-00:00:05",
            ["Tickets:DefaultPriority"] = "Urgent",
            ["Tickets:MaxFiles"] = "25",
            ["Tickets:MaxFileBytes"] = "0",
            ["Tickets:RetryBaseDelay"] = "-00:00:02",
            ["Tickets:MaxRetryAge"] = "-1.00:00:00",
            ["Tickets:WorkerConcurrency"] = "many",
            ["Tickets:Departments:0:Id"] = "0",
            ["Tickets:Departments:0:Name"] = "Support",
            ["Slack:MaxRequestBodyBytes"] = "100",
        }));

        Assert.Equal(
            [
                "Keliweb default account is partly configured: Keliweb:Password missing. Set all of Keliweb:Username, Keliweb:Password, or none to disable it.",
                "Teams is partly configured: Teams:AppPassword missing. Set all of Teams:AppId, Teams:AppPassword, or none to disable it.",
                "Storage:ConnectionString is required when Storage:Provider is Postgres (e.g. Host=db;Database=chatbot;Username=chatbot;Password=...).",
                "Keliweb:MaxRequestBytes must be a whole number.",
                "Keliweb:Timeout must be a positive duration, e.g. 00:00:30 (is -00:00:05).",
                "Tickets:DefaultPriority must be one of Low, Medium, High.",
                "Tickets:WorkerConcurrency must be a whole number.",
                "Tickets:Departments:0:Id must be at least 1 (is 0).",
                "Tickets:MaxFiles must be between 0 and 20 (is 25).",
                "Tickets:MaxFileBytes must be at least 1 (is 0).",
                "Tickets:MaxRetryAge must be a positive duration, e.g. 00:00:30 (is -1.00:00:00).",
                "Tickets:RetryBaseDelay must be a positive duration, e.g. 00:00:30 (is -00:00:02).",
                "Slack:MaxRequestBodyBytes must be at least 16384 (is 100).",
            ],
            error.Problems);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("E+", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HalfAPlatformConfiguration_IsReportedOnce()
    {
        var error = Assert.Throws<StartupConfigurationException>(() => Report(new() { ["Slack:BotToken"] = "xoxb-1" }));

        Assert.Equal(["Slack is partly configured: Slack:SigningSecret missing. Set all of Slack:SigningSecret, Slack:BotToken, or none to disable it."], error.Problems);
    }

    [Theory]
    [InlineData("Keliweb:Timeout", "-00:00:01")]
    [InlineData("Keliweb:Timeout", "00:00:00")]
    [InlineData("Tickets:RetryBaseDelay", "-00:00:02")]
    [InlineData("Tickets:MaxRetryAge", "-1.00:00:00")]
    public void ANegativeOrZeroDuration_IsRefused(string key, string value)
    {
        var error = Assert.Throws<StartupConfigurationException>(() => Report(new() { [key] = value }));

        Assert.Equal($"{key} must be a positive duration, e.g. 00:00:30 (is {value}).", Assert.Single(error.Problems));
    }

    [Theory]
    [InlineData("http://apiv2.keliweb.it/", "Keliweb:BaseUrl must use https")]
    [InlineData("https://operator:hunter2@apiv2.keliweb.it/", "Keliweb:BaseUrl must not contain a user name or password")]
    [InlineData("https://apiv2.keliweb.it/api", "Keliweb:BaseUrl must end with '/'")]
    public void KeliwebBaseUrl_MustBeHttps_WithoutCredentials_AndIsNeverPrintedWithThem(string url, string expected)
    {
        var error = Assert.Throws<StartupConfigurationException>(() => Report(new() { ["Keliweb:BaseUrl"] = url }));

        Assert.StartsWith(expected, Assert.Single(error.Problems), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_log.Lines, l => l.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void KeliwebBaseUrl_PlainHttpOnLoopback_IsAccepted()
    {
        Report(new() { ["Keliweb:BaseUrl"] = "http://127.0.0.1:8123/" });

        Assert.Contains(_log.Lines, l => l.StartsWith("Keliweb: http://127.0.0.1:8123/;", StringComparison.Ordinal));
    }

    [Fact]
    public void OnlyAUsername_IsAnError_NotADefaultAccount()
    {
        var error = Assert.Throws<StartupConfigurationException>(() => Report(new() { ["Keliweb:Username"] = "support@example.com" }));

        Assert.StartsWith("Keliweb default account is partly configured: Keliweb:Password missing.", Assert.Single(error.Problems), StringComparison.Ordinal);
        Assert.DoesNotContain(_log.Lines, l => l.Contains("default account configured", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Keliweb:MaxRequestBytes", "lots-s3cr3t", "Keliweb:MaxRequestBytes must be a whole number.")]
    [InlineData("Keliweb:Timeout", "soon", "Keliweb:Timeout must be a duration such as 00:00:30 or 1.00:00:00.")]
    [InlineData("Storage:Provider", "Mysql", "Storage:Provider must be one of Sqlite, Postgres.")]
    [InlineData("Tickets:AllowGuests", "yes", "Tickets:AllowGuests must be true or false.")]
    public void UnreadableValue_StopsTheStart_NamingTheKey_NotTheValue(string key, string value, string expected)
    {
        var error = Assert.Throws<StartupConfigurationException>(() => Report(new() { [key] = value }));

        Assert.Equal(expected, Assert.Single(error.Problems));
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Report(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = _root });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(_log);
        // The features as Program registers them: each brings its sections and credential sets.
        builder.Services.AddStorage(builder.Configuration).AddKeliweb(builder.Configuration).AddLinking(builder.Configuration)
            .AddTickets(builder.Configuration).AddSlack(builder.Configuration).AddTeams(builder.Configuration);
        using var app = builder.Build();
        app.ReportConfiguration();
    }
}
