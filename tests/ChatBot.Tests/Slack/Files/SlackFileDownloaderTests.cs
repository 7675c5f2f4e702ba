using ChatBot.Tests.StandIns;
using ChatBot.Tickets;

namespace ChatBot.Tests.Slack.Files;

public sealed class SlackFileDownloaderTests
{
    private static readonly byte[] Pdf = [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0xff];

    [Fact]
    public async Task File_IsDownloadedByteExactWithTheToken()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Api.Files["F1"] = new StandInFile("F1", "invoice.pdf", "application/pdf", Pdf);
        using var destination = new MemoryStream();

        var result = await fixture.Channel.DownloadAsync(new FileReference("invoice.pdf", null, "F1"), SlackChannelFixture.Requester, destination, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Downloaded, result.Status);
        Assert.Equal(Pdf, destination.ToArray());
        Assert.Equal("Bearer " + SlackApiStandIn.Token, fixture.Api.CallsTo("download").Single().Authorization);
    }

    [Fact]
    public async Task RedirectToAnotherHost_IsFollowedWithoutTheToken()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Api.Files["F1"] = new StandInFile("F1", "invoice.pdf", "application/pdf", Pdf);
        fixture.Api.RedirectDownloadsToOtherHost = true;
        using var destination = new MemoryStream();

        var result = await fixture.Channel.DownloadAsync(new FileReference("invoice.pdf", null, "F1"), SlackChannelFixture.Requester, destination, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Downloaded, result.Status);
        Assert.Equal(Pdf, destination.ToArray());
        var cdn = fixture.Api.CallsTo("cdn").Single();
        Assert.Equal("localhost", cdn.Host);
        Assert.Equal("", cdn.Authorization);
    }

    [Fact]
    public async Task HostNotInFileHosts_NeverGetsTheToken_AndTheLoginPageIsAFailure()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Api.Files["F1"] = new StandInFile("F1", "invoice.pdf", "application/pdf", Pdf);
        fixture.Options.FileHosts = ["files.slack.com"];
        using var destination = new MemoryStream();

        var result = await fixture.Channel.DownloadAsync(new FileReference("invoice.pdf", null, "F1"), SlackChannelFixture.Requester, destination, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Failed, result.Status);
        Assert.Contains("html", result.Reason, StringComparison.Ordinal);
        Assert.Equal("", fixture.Api.CallsTo("download").Single().Authorization);
    }

    [Fact]
    public async Task ListedHostWithoutAPort_AdmitsOnlyItsDefaultPort_SoAServerOnAnotherPortGetsNoToken()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Api.Files["F1"] = new StandInFile("F1", "invoice.pdf", "application/pdf", Pdf);
        fixture.Options.FileHosts = ["127.0.0.1"];
        using var destination = new MemoryStream();

        var result = await fixture.Channel.DownloadAsync(new FileReference("invoice.pdf", null, "F1"), SlackChannelFixture.Requester, destination, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Failed, result.Status);
        Assert.Equal("", fixture.Api.CallsTo("download").Single().Authorization);
    }

    [Fact]
    public async Task ListedHostWithAnotherPort_GetsNoToken()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Api.Files["F1"] = new StandInFile("F1", "invoice.pdf", "application/pdf", Pdf);
        fixture.Options.FileHosts = [$"127.0.0.1:{fixture.Api.Port + 1}"];
        using var destination = new MemoryStream();

        await fixture.Channel.DownloadAsync(new FileReference("invoice.pdf", null, "F1"), SlackChannelFixture.Requester, destination, 1024, CancellationToken.None);

        Assert.Equal("", fixture.Api.CallsTo("download").Single().Authorization);
    }

    [Fact]
    public async Task ListedLoopbackNameWithItsPort_GetsTheTokenOverPlainHttp()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        var url = $"http://localhost:{fixture.Api.Port}/files/F1/invoice.pdf";
        fixture.Api.Files["F1"] = new StandInFile("F1", "invoice.pdf", "application/pdf", Pdf, Url: url);
        fixture.Options.FileHosts = [$"localhost:{fixture.Api.Port}"];
        using var destination = new MemoryStream();

        var result = await fixture.Channel.DownloadAsync(new FileReference("invoice.pdf", null, "F1"), SlackChannelFixture.Requester, destination, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Downloaded, result.Status);
        Assert.Equal("Bearer " + SlackApiStandIn.Token, fixture.Api.CallsTo("download").Single().Authorization);
    }

    [Fact]
    public async Task LargerThanTheCap_IsTooLarge()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Api.Files["F1"] = new StandInFile("F1", "big.bin", "application/octet-stream", new byte[4096]);
        using var destination = new MemoryStream();

        var result = await fixture.Channel.DownloadAsync(new FileReference("big.bin", null, "F1"), SlackChannelFixture.Requester, destination, 1000, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.TooLarge, result.Status);
    }

    [Fact]
    public async Task StreamLongerThanTheCap_StopsAtTheCapEvenWhenTheSizeLied()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Api.Files["F1"] = new StandInFile("F1", "big.bin", "application/octet-stream", new byte[300_000], ReportedSize: 10);
        using var destination = new MemoryStream();

        var result = await fixture.Channel.DownloadAsync(new FileReference("big.bin", null, "F1"), SlackChannelFixture.Requester, destination, 1000, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.TooLarge, result.Status);
        Assert.True(destination.Length <= 1000);
    }

    [Fact]
    public async Task SizeDisagreeingWithFilesInfo_IsAFailure()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Api.Files["F1"] = new StandInFile("F1", "invoice.pdf", "application/pdf", Pdf, ReportedSize: 500);
        using var destination = new MemoryStream();

        var result = await fixture.Channel.DownloadAsync(new FileReference("invoice.pdf", null, "F1"), SlackChannelFixture.Requester, destination, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Failed, result.Status);
        Assert.Contains("size mismatch", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://files.example.com/files-pri/T1-F1/invoice.pdf")]
    [InlineData("ftp://127.0.0.1/invoice.pdf")]
    public async Task PlainHttpOffLoopbackOrOtherSchemes_AreRefusedBeforeAnyRequest(string url)
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        fixture.Api.Files["F1"] = new StandInFile("F1", "invoice.pdf", "application/pdf", Pdf, Url: url);
        fixture.Options.FileHosts = ["files.example.com", $"127.0.0.1:{fixture.Api.Port}"];
        using var destination = new MemoryStream();

        var result = await fixture.Channel.DownloadAsync(new FileReference("invoice.pdf", null, "F1"), SlackChannelFixture.Requester, destination, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Failed, result.Status);
        Assert.Contains("refused url scheme", result.Reason, StringComparison.Ordinal);
        Assert.Empty(fixture.Api.CallsTo("download"));
    }

    [Fact]
    public async Task UnknownFile_IsReportedNotThrown()
    {
        await using var fixture = await SlackChannelFixture.StartAsync();
        using var destination = new MemoryStream();

        var result = await fixture.Channel.DownloadAsync(new FileReference("gone.pdf", null, "F404"), SlackChannelFixture.Requester, destination, 1024, CancellationToken.None);

        Assert.Equal(FileDownloadStatus.Failed, result.Status);
        Assert.Contains("file_not_found", result.Reason, StringComparison.Ordinal);
    }
}
