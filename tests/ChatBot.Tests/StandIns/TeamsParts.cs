using ChatBot.Teams;
using ChatBot.Teams.Authentication;
using ChatBot.Teams.Connector;
using ChatBot.Teams.Files;
using ChatBot.Teams.Graph;
using ChatBot.Teams.Installations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.StandIns;

/// <summary>
/// The Teams parts the app wires (token provider, trust, connector client, downloader, channel), built by hand
/// against fresh login and connector stand-ins, for tests of those parts without the app. Credentials are set;
/// nothing is trusted yet, as in a process that just started.
/// </summary>
public sealed class TeamsParts : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private TeamsParts(
        BotFrameworkTokenSigner signer, BotFrameworkLoginStandIn login, TeamsConnectorStandIn connector, TestDatabase database, TeamsOptions options, TimeProvider time)
    {
        Signer = signer;
        Database = database;
        Installations = new TeamsInstallationStore(database.Database, time);
        Login = login;
        Connector = connector;
        Options = Microsoft.Extensions.Options.Options.Create(options);
        var collection = new ServiceCollection();
        collection.AddHttpClient(TeamsFileDownloader.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        collection.AddHttpClient(GraphClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services = collection.BuildServiceProvider();
        Http = services.GetRequiredService<IHttpClientFactory>();
        Trust = new TrustedServiceUrls(Options);
        Tokens = new ConnectorTokenProvider(Http, Options, time, NullLogger<ConnectorTokenProvider>.Instance);
        GraphTokens = new GraphTokenProvider(Http, Options, time, NullLogger<GraphTokenProvider>.Instance);
        var graph = new GraphClient(Http, GraphTokens, Options, time, NullLogger<GraphClient>.Instance);
        GraphFiles = new GraphFileDownloader(graph, new GraphMessageReader(graph, time), GraphTokens, Options, NullLogger<GraphFileDownloader>.Instance);
    }

    public GraphTokenProvider GraphTokens { get; }

    public GraphFileDownloader GraphFiles { get; }

    public BotFrameworkTokenSigner Signer { get; }

    public BotFrameworkLoginStandIn Login { get; }

    public TeamsConnectorStandIn Connector { get; }

    public IOptions<TeamsOptions> Options { get; }

    public IHttpClientFactory Http { get; }

    public TrustedServiceUrls Trust { get; }

    public ConnectorTokenProvider Tokens { get; }

    /// <summary>A migrated SQLite database of its own, for the installations the channel checks.</summary>
    public TestDatabase Database { get; }

    public TeamsInstallationStore Installations { get; }

    /// <param name="configure">Adjusts the options after the stand-ins' endpoints are set (e.g. <see cref="TeamsOptions.FileHosts"/>).</param>
    public static async Task<TeamsParts> StartAsync(TimeProvider? time = null, Action<TeamsOptions, TeamsConnectorStandIn>? configure = null)
    {
        var signer = new BotFrameworkTokenSigner();
        var login = await BotFrameworkLoginStandIn.StartAsync(signer);
        var connector = await TeamsConnectorStandIn.StartAsync(login);
        var options = new TeamsOptions { AppId = BotFrameworkTokenSigner.AppId, AppPassword = BotFrameworkLoginStandIn.AppPassword, TokenEndpoint = login.TokenEndpoint };
        configure?.Invoke(options, connector);
        return new TeamsParts(signer, login, connector, await TestDatabase.CreateSqliteAsync(time), options, time ?? TimeProvider.System);
    }

    public TeamsConnectorClient ConnectorClient() => new(Http, Tokens, Trust, NullLogger<TeamsConnectorClient>.Instance);

    public TeamsFileDownloader Downloader() => new(Http, Tokens, Trust, GraphFiles, Options, NullLogger<TeamsFileDownloader>.Instance);

    public TeamsChannel Channel() => new(ConnectorClient(), Downloader(), Trust, Installations, NullLogger<TeamsChannel>.Instance);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Connector.DisposeAsync();
        await Login.DisposeAsync();
        Tokens.Dispose();
        GraphTokens.Dispose();
        Signer.Dispose();
        await Database.DisposeAsync();
    }
}
