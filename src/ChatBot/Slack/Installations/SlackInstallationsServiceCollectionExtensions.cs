using ChatBot.Slack.Handlers;
using ChatBot.Slack.Payloads;
using ChatBot.Slack.WebApi;
using ChatBot.Telemetry;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Installations;

public static class SlackInstallationsServiceCollectionExtensions
{
    /// <summary>
    /// The token source of the mode the configuration picks: <c>Slack:BotToken</c> for one workspace, else the
    /// installation store ("Add to Slack"); and what installing needs (states, oauth.v2.access, the events).
    /// </summary>
    public static IServiceCollection AddSlackInstallations(this IServiceCollection services)
    {
        services.AddSingleton<SlackInstallationStore>();
        services.AddSingleton<InstallStateStore>();
        services.AddSlackHandler<EventEnvelope, UninstallHandler>(UninstallHandler.Uninstalled);
        services.AddSlackHandler<EventEnvelope, UninstallHandler>(UninstallHandler.TokensRevoked);
        services.AddSingleton<InstallationGate>();
        services.AddSingleton<SlackEnterpriseTeams>();
        services.AddHttpClient<SlackOAuthClient>(SlackOAuthClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .AddUpstreamTelemetry(Upstreams.Slack, SlackOAuthClient.Method);
        services.AddSingleton<InstalledSlackTokens>();
        services.AddSingleton<ConfiguredSlackToken>();
        services.AddSingleton<ISlackTokenSource>(sp => sp.GetRequiredService<IOptions<SlackOptions>>().Value.IsMultiWorkspace
            ? sp.GetRequiredService<InstalledSlackTokens>()
            : sp.GetRequiredService<ConfiguredSlackToken>());
        return services;
    }
}
