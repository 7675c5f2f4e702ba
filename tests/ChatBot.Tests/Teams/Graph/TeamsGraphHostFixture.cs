using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Teams.Graph;

/// <summary>The app with Teams:GraphEnabled against a Graph stand-in, for a test class; tests use fresh message ids.</summary>
public sealed class TeamsGraphHostFixture : IAsyncLifetime
{
    public TeamsTestHost Host { get; private set; } = null!;

    public GraphStandIn Graph { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Graph = await GraphStandIn.StartAsync();
        Host = await StartHostAsync(Graph, graphEnabled: true);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Graph.DisposeAsync();
    }

    /// <summary>A host whose Graph settings point at <paramref name="graph"/> (which then accepts that host's Graph tokens).</summary>
    public static Task<TeamsTestHost> StartHostAsync(GraphStandIn graph, bool graphEnabled, IDictionary<string, string?>? settings = null) =>
        TeamsTestHost.StartAsync(settings: settings, configure: (configuration, login, _) =>
        {
            graph.TokenTenant = login.GraphTokenTenant;
            configuration["Teams:GraphEnabled"] = graphEnabled ? "true" : "false";
            configuration["Teams:GraphBaseUrl"] = graph.GraphBaseUrl.ToString();
        });
}
