using ChatBot.Alerts;
using ChatBot.Health;
using ChatBot.Keliweb;
using ChatBot.Telemetry;
using ChatBot.Linking;
using ChatBot.Slack;
using ChatBot.Storage;
using ChatBot.Teams;
using ChatBot.Tickets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Settings;

/// <summary>Every feature's services as Program registers them, over an in-memory configuration, without a host.</summary>
internal static class FeatureServices
{
    public static ServiceProvider Build(IDictionary<string, string?> settings, out IConfiguration configuration)
    {
        configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton(configuration)
            .AddTelemetry(configuration)
            .AddAlerts(configuration)
            .AddStorage(configuration)
            .AddKeliweb(configuration)
            .AddLinking(configuration)
            .AddTickets(configuration)
            .AddSlack(configuration)
            .AddTeams(configuration)
            .AddHealth(configuration)
            .BuildServiceProvider();
    }
}
