using ChatBot.Keliweb;
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
    public void PartialCredentials_StopTheStart_NamingTheMissingKey(string onlyKey, string expected)
    {
        var error = Assert.Throws<StartupConfigurationException>(() => Report(new() { [onlyKey] = "s3cr3t-partial" }));

        Assert.StartsWith(expected, Assert.Single(error.Problems), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-partial", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_log.Lines, l => l.StartsWith("Storage:", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce_IncludingInvalidOptions()
    {
        var error = Assert.Throws<StartupConfigurationException>(() => Report(new() { ["Storage:Provider"] = "Postgres", ["Teams:AppId"] = "x" }));

        Assert.Equal(
            ["Teams is partly configured: Teams:AppPassword missing. Set all of Teams:AppId, Teams:AppPassword, or none to disable it.",
             "Storage:ConnectionString is required when Storage:Provider is Postgres."],
            error.Problems);
    }

    [Theory]
    [InlineData("Keliweb:MaxRequestBytes", "lots-s3cr3t", "Keliweb:MaxRequestBytes cannot be read as a whole number.")]
    [InlineData("Keliweb:Timeout", "", "Keliweb:Timeout cannot be read as a duration (hh:mm:ss).")]
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
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddOptions<KeliwebOptions>().Bind(builder.Configuration.GetSection("Keliweb")).ValidateOnStart();
        using var app = builder.Build();
        app.ReportConfiguration();
    }
}
