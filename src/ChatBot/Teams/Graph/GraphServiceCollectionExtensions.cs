using ChatBot.Telemetry;

namespace ChatBot.Teams.Graph;

public static class GraphServiceCollectionExtensions
{
    /// <summary>Microsoft Graph for the files Teams does not give bots (<c>Teams:GraphEnabled</c>): its token, client and downloader.</summary>
    public static IServiceCollection AddTeamsGraph(this IServiceCollection services)
    {
        services.AddHttpClient(GraphTokenProvider.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .AddUpstreamTelemetry(Upstreams.Graph, "token");
        // Redirects are followed by hand: the pre-authenticated download must not get the Graph token, and must be in Teams:FileHosts.
        services.AddHttpClient(GraphClient.HttpClientName, c => c.Timeout = TimeSpan.FromMinutes(2))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .AddUpstreamTelemetry(Upstreams.Graph, GraphClient.MethodOf);
        services.AddSingleton<GraphTokenProvider>();
        services.AddSingleton<GraphClient>();
        services.AddSingleton<GraphMessageReader>();
        services.AddSingleton<GraphFileDownloader>();
        return services;
    }
}
