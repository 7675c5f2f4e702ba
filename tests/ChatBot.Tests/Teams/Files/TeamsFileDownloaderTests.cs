using System.Text;
using ChatBot.Teams;
using ChatBot.Teams.Authentication;
using ChatBot.Teams.Files;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets;

namespace ChatBot.Tests.Teams.Files;

public sealed class TeamsFileDownloaderTests : IAsyncLifetime
{
    private TeamsParts parts = null!;
    private TeamsFileDownloader downloader = null!;

    private BotFrameworkLoginStandIn Login => parts.Login;

    private TeamsConnectorStandIn Connector => parts.Connector;

    private TrustedServiceUrls Trust => parts.Trust;

    public async Task InitializeAsync()
    {
        parts = await TeamsParts.StartAsync(configure: (options, standIn) => options.FileHosts = ["files.example.com", "127.0.0.1:" + standIn.BaseUrl.Port]);
        downloader = parts.Downloader();
    }

    public async Task DisposeAsync() => await parts.DisposeAsync();

    [Fact]
    public async Task DownloadInfo_IsFetchedByteExact_WithoutAnyToken()
    {
        var bytes = Encoding.UTF8.GetBytes("contenuto del file àèìòù");
        var url = Connector.AddDownload("a.txt", bytes);
        Trust.Remember(Connector.ServiceUrl); // even on a trusted host, a pre-authenticated link gets no token

        using var destination = new MemoryStream();
        var result = await downloader.DownloadAsync(File(TeamsFileLocator.DownloadInfo, url), destination, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Downloaded, result.Status);
        Assert.Equal(bytes, destination.ToArray());
        Assert.Null(Assert.Single(Connector.FileRequests).Authorization);
    }

    [Fact]
    public async Task PastTheCap_IsTooLarge()
    {
        var url = Connector.AddDownload("big.bin", new byte[10_000]);

        var result = await downloader.DownloadAsync(File(TeamsFileLocator.DownloadInfo, url), Stream.Null, 9_999, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.TooLarge, result.Status);
    }

    [Fact]
    public async Task InlineImage_OnTheConnectorHost_GetsTheConnectorToken()
    {
        var url = Connector.AddInlineImage("img-1", [1, 2, 3]);
        Trust.Remember(Connector.ServiceUrl);

        using var destination = new MemoryStream();
        var result = await downloader.DownloadAsync(File(TeamsFileLocator.InlineImage, url), destination, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Downloaded, result.Status);
        Assert.Equal([1, 2, 3], destination.ToArray());
        Assert.StartsWith("Bearer connector-token-", Assert.Single(Connector.FileRequests).Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InlineImage_OnAnUntrustedUnlistedHost_IsRefusedWithoutARequest()
    {
        await using var foreign = await RecordingServer.StartAsync();

        var result = await downloader.DownloadAsync(File(TeamsFileLocator.InlineImage, new Uri(foreign.BaseUrl, "v3/attachments/img-2/views/original").ToString()), Stream.Null, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Failed, result.Status);
        Assert.Empty(foreign.Requests);
        Assert.Equal(0, Login.TokenRequests);
    }

    [Fact]
    public async Task InlineImage_OnAListedButUntrustedHost_IsFetchedWithoutTheToken()
    {
        var url = Connector.AddInlineImage("img-3", [1]);

        var result = await downloader.DownloadAsync(File(TeamsFileLocator.InlineImage, url), Stream.Null, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Failed, result.Status); // the stand-in wants the token for images: 401
        Assert.Null(Assert.Single(Connector.FileRequests).Authorization);
        Assert.Equal(0, Login.TokenRequests);
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
        var graph = new FileReference("x.txt", null, new TeamsFileLocator(TeamsFileLocator.GraphFile, "https://contoso.sharepoint.com/x.txt").ToJson(), "needs Graph");
        var missing = File(TeamsFileLocator.DownloadInfo, Connector.AddDownload("gone", []).Replace("gone", "missing", StringComparison.Ordinal));
        var refused = File(TeamsFileLocator.DownloadInfo, "http://127.0.0.1:1/closed");

        Assert.Equal("needs Graph", (await downloader.DownloadAsync(graph, Stream.Null, 10, CancellationToken.None)).Reason);
        Assert.Equal(FileDownloadStatus.Failed, (await downloader.DownloadAsync(missing, Stream.Null, 10, CancellationToken.None)).Status);
        Assert.Equal(FileDownloadStatus.Failed, (await downloader.DownloadAsync(refused, Stream.Null, 10, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Redirect_BetweenListedHosts_IsFollowed_WithoutAToken()
    {
        var bytes = Encoding.UTF8.GetBytes("after a redirect");
        var url = Connector.AddRedirect(new Uri(Connector.AddDownload("moved.txt", bytes)));
        Trust.Remember(Connector.ServiceUrl);

        using var destination = new MemoryStream();
        var result = await downloader.DownloadAsync(File(TeamsFileLocator.DownloadInfo, url), destination, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Downloaded, result.Status);
        Assert.Equal(bytes, destination.ToArray());
        Assert.Equal(2, Connector.FileRequests.Count);
        Assert.All(Connector.FileRequests, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task InlineImage_RedirectedOffTheConnector_ToAnUnlistedHost_IsRefused_AndTheTokenStays()
    {
        await using var foreign = await RecordingServer.StartAsync();
        Trust.Remember(Connector.ServiceUrl);
        var url = Connector.AddRedirect(new Uri(foreign.BaseUrl, "v3/attachments/x"));

        var result = await downloader.DownloadAsync(File(TeamsFileLocator.InlineImage, url), Stream.Null, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Failed, result.Status);
        Assert.Empty(foreign.Requests);
    }

    [Theory]
    [InlineData("https://contoso.sharepoint.com.evil.example/a.txt")]
    [InlineData("http://127.0.0.1:1/a.txt")] // loopback, but not the listed port
    [InlineData("https://files.example.com:8443/a.txt")]
    public async Task DownloadInfo_OffTheListedHostsAndPorts_IsRefusedWithoutARequest(string url)
    {
        var result = await downloader.DownloadAsync(File(TeamsFileLocator.DownloadInfo, url), Stream.Null, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Failed, result.Status);
        Assert.Contains("Teams:FileHosts", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"kind\":null,\"url\":null}")]
    [InlineData("{\"kind\":\"download\"}")]
    [InlineData("{\"kind\":\"download\",\"url\":\"http://[bad\"}")]
    [InlineData("{\"kind\":\"inline\",\"url\":\"\"}")]
    [InlineData("{\"kind\":\"graph\",\"url\":\"https://contoso.sharepoint.com/x\"}")]
    [InlineData("not json")]
    public async Task StoredBadLocator_IsAFailure_NeverAnException(string locator)
    {
        var result = await downloader.DownloadAsync(new FileReference("f", null, locator), Stream.Null, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Failed, result.Status);
        Assert.Empty(Connector.FileRequests);
    }

    private static FileReference File(string kind, string url) => new("f", null, new TeamsFileLocator(kind, url).ToJson());
}
