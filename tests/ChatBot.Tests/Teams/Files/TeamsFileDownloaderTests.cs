using System.Text;
using ChatBot.Teams;
using ChatBot.Teams.Authentication;
using ChatBot.Teams.Connector;
using ChatBot.Teams.Files;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Teams.Files;

public sealed class TeamsFileDownloaderTests : IAsyncLifetime
{
    private readonly BotFrameworkTokenSigner signer = new();
    private BotFrameworkLoginStandIn login = null!;
    private TeamsConnectorStandIn connector = null!;
    private ServiceProvider services = null!;
    private TrustedServiceUrls trust = null!;
    private TeamsFileDownloader downloader = null!;

    public async Task InitializeAsync()
    {
        login = await BotFrameworkLoginStandIn.StartAsync(signer);
        connector = await TeamsConnectorStandIn.StartAsync(login);
        var options = Options.Create(new TeamsOptions { AppId = BotFrameworkTokenSigner.AppId, AppPassword = BotFrameworkLoginStandIn.AppPassword, TokenEndpoint = login.TokenEndpoint });
        services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var factory = services.GetRequiredService<IHttpClientFactory>();
        trust = new TrustedServiceUrls(options);
        var tokens = new ConnectorTokenProvider(factory, options, TimeProvider.System, NullLogger<ConnectorTokenProvider>.Instance);
        downloader = new TeamsFileDownloader(factory, tokens, trust, NullLogger<TeamsFileDownloader>.Instance);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await connector.DisposeAsync();
        await login.DisposeAsync();
        signer.Dispose();
    }

    [Fact]
    public async Task DownloadInfo_IsFetchedByteExact_WithoutAnyToken()
    {
        var bytes = Encoding.UTF8.GetBytes("contenuto del file àèìòù");
        var url = connector.AddDownload("a.txt", bytes);
        trust.Remember(connector.ServiceUrl); // even on a trusted host, a pre-authenticated link gets no token

        using var destination = new MemoryStream();
        var result = await downloader.DownloadAsync(File(TeamsFileLocator.DownloadInfo, url), destination, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Downloaded, result.Status);
        Assert.Equal(bytes, destination.ToArray());
        Assert.Null(Assert.Single(connector.FileRequests).Authorization);
    }

    [Fact]
    public async Task PastTheCap_IsTooLarge()
    {
        var url = connector.AddDownload("big.bin", new byte[10_000]);

        var result = await downloader.DownloadAsync(File(TeamsFileLocator.DownloadInfo, url), Stream.Null, 9_999, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.TooLarge, result.Status);
    }

    [Fact]
    public async Task InlineImage_OnTheConnectorHost_GetsTheConnectorToken()
    {
        var url = connector.AddInlineImage("img-1", [1, 2, 3]);
        trust.Remember(connector.ServiceUrl);

        using var destination = new MemoryStream();
        var result = await downloader.DownloadAsync(File(TeamsFileLocator.InlineImage, url), destination, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Downloaded, result.Status);
        Assert.Equal([1, 2, 3], destination.ToArray());
        Assert.StartsWith("Bearer connector-token-", Assert.Single(connector.FileRequests).Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InlineImage_OnAnUntrustedHost_IsRefusedWithoutARequest()
    {
        var url = connector.AddInlineImage("img-2", [1]);

        var result = await downloader.DownloadAsync(File(TeamsFileLocator.InlineImage, url), Stream.Null, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Failed, result.Status);
        Assert.Empty(connector.FileRequests);
        Assert.Equal(0, login.TokenRequests);
    }

    [Theory]
    [InlineData("http://files.example.com/a.txt")]
    [InlineData("ftp://127.0.0.1/a.txt")]
    [InlineData("not a url")]
    public async Task NonHttpsOrNonLoopbackHttp_IsRefused(string url)
    {
        var result = await downloader.DownloadAsync(File(TeamsFileLocator.DownloadInfo, url), Stream.Null, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Failed, result.Status);
    }

    [Fact]
    public async Task GraphOnlyFile_ReportsWhy_AndRemoteFailures_AreReportedNotThrown()
    {
        var graph = new FileReference("x.txt", null, new TeamsFileLocator(TeamsFileLocator.GraphOnly, "https://contoso.sharepoint.com/x.txt").ToJson(), "needs Graph");
        var missing = File(TeamsFileLocator.DownloadInfo, connector.AddDownload("gone", []).Replace("gone", "missing", StringComparison.Ordinal));
        var refused = File(TeamsFileLocator.DownloadInfo, "http://127.0.0.1:1/closed");

        Assert.Equal("needs Graph", (await downloader.DownloadAsync(graph, Stream.Null, 10, CancellationToken.None)).Reason);
        Assert.Equal(FileDownloadStatus.Failed, (await downloader.DownloadAsync(missing, Stream.Null, 10, CancellationToken.None)).Status);
        Assert.Equal(FileDownloadStatus.Failed, (await downloader.DownloadAsync(refused, Stream.Null, 10, CancellationToken.None)).Status);
    }

    private static FileReference File(string kind, string url) => new("f", null, new TeamsFileLocator(kind, url).ToJson());
}
