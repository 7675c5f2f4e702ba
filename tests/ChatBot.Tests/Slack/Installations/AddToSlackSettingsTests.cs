using ChatBot.Alerts;
using ChatBot.Keliweb;
using ChatBot.Linking;
using ChatBot.Linking.SignIn;
using ChatBot.Slack;
using ChatBot.Startup;
using ChatBot.Storage;
using ChatBot.Tickets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Slack.Installations;

/// <summary>What "Add to Slack" needs besides the client credentials, said at start with the key to set.</summary>
public sealed class AddToSlackSettingsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("chatbot-test-addtoslack-").FullName;

    private static Dictionary<string, string?> AddToSlack() => new()
    {
        ["Slack:SigningSecret"] = "s", ["Slack:ClientId"] = "1.2", ["Slack:ClientSecret"] = "c", ["PublicBaseUrl"] = "https://bot.example.org/",
    };

    [Fact]
    public void ClientCredentials_WithoutABotToken_AreAComplete_Configuration() => Report(AddToSlack());

    [Fact]
    public void WithoutPublicBaseUrl_TheStartStops_NamingIt()
    {
        var settings = AddToSlack();
        settings.Remove("PublicBaseUrl");
        var error = Assert.Throws<StartupConfigurationException>(() => Report(settings));
        Assert.Contains(error.Problems, p => p.StartsWith("Slack:ClientId turns on Add to Slack", StringComparison.Ordinal) && p.Contains("PublicBaseUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void HalfTheClientCredentials_IsReportedAsThatSet()
    {
        var settings = AddToSlack();
        settings.Remove("Slack:ClientSecret");
        var error = Assert.Throws<StartupConfigurationException>(() => Report(settings));
        Assert.Contains(
            "Slack is partly configured: Slack:ClientSecret missing. Set all of Slack:SigningSecret, Slack:ClientId, Slack:ClientSecret, or none to disable it.",
            error.Problems);
    }

    [Fact]
    public void SlackAlerts_InAddToSlackMode_NeedTheirWorkspace()
    {
        var settings = AddToSlack();
        settings["Alerts:Platform"] = "slack";
        settings["Alerts:Conversation"] = "C0123456789";
        var error = Assert.Throws<StartupConfigurationException>(() => Report(settings));
        Assert.Contains(error.Problems, p => p.StartsWith("Alerts:SlackTeam is required", StringComparison.Ordinal));

        settings["Alerts:SlackTeam"] = "T0123456789";
        Report(settings);
    }

    private static Dictionary<string, string?> SocketModeAddToSlack() => new()
    {
        ["Slack:AppToken"] = "xapp-1-A0-1-x", ["Slack:ClientId"] = "1.2", ["Slack:ClientSecret"] = "c", ["PublicBaseUrl"] = "https://bot.intranet.example/",
    };

    [Fact]
    public void SocketMode_WithClientCredentials_AndNoBotTokenOrSigningSecret_IsAComplete_Configuration() => Report(SocketModeAddToSlack());

    [Fact]
    public void SocketMode_WithHalfTheClientCredentials_IsReportedAsTheSocketModeSet()
    {
        var settings = SocketModeAddToSlack();
        settings.Remove("Slack:ClientId");
        var error = Assert.Throws<StartupConfigurationException>(() => Report(settings));
        Assert.Contains(
            "Slack (Socket Mode) is partly configured: Slack:ClientId missing. Set all of Slack:AppToken, Slack:ClientId, Slack:ClientSecret, or none to disable it.",
            error.Problems);
    }

    [Fact]
    public void SocketMode_WithAddToSlack_StillNeedsPublicBaseUrl_ForTheInstallersBrowser()
    {
        var settings = SocketModeAddToSlack();
        settings.Remove("PublicBaseUrl");
        var error = Assert.Throws<StartupConfigurationException>(() => Report(settings));
        Assert.Contains(error.Problems, p => p.StartsWith("Slack:ClientId turns on Add to Slack", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Report(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = _root });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddStorage(builder.Configuration).AddKeliweb(builder.Configuration).AddLinking(builder.Configuration)
            .AddSignIn(builder.Configuration).AddTickets(builder.Configuration).AddSlack(builder.Configuration).AddAlerts(builder.Configuration);
        using var app = builder.Build();
        app.ReportConfiguration();
    }
}
