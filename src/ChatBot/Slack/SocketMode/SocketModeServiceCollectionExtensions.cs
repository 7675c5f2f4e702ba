using ChatBot.Health;
using ChatBot.Settings;
using ChatBot.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.SocketMode;

public static class SocketModeServiceCollectionExtensions
{
    /// <summary>Socket Mode, a second transport in front of the same handlers; it runs only when Slack:AppToken is set.</summary>
    public static IServiceCollection AddSlackSocketMode(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SocketModeOptions>(configuration, SocketModeOptions.SectionName, static (section, o) => section.Bind(o), SocketModeOptions.Lists);
        services.AddSingleton<IValidateOptions<SocketModeOptions>, SocketModeOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EnvelopeLedger>();
        services.AddSingleton<SocketEnvelopes>();
        // The app token must not follow a redirect anywhere; the WebSocket itself is ClientWebSocket's, not this client's.
        services.AddHttpClient<SocketUrlClient>(SocketUrlClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddUpstreamTelemetry(Upstreams.Slack, UpstreamTelemetryExtensions.LastPathSegment);
        services.AddSingleton<SocketModeService>();
        services.AddHostedService(sp => sp.GetRequiredService<SocketModeService>());
        services.AddSingleton<IConnectionHealth>(sp => sp.GetRequiredService<SocketModeService>());
        return services;
    }
}
