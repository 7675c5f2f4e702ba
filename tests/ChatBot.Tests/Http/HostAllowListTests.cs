using ChatBot.Http;

namespace ChatBot.Tests.Http;

public sealed class HostAllowListTests
{
    [Theory]
    [InlineData("files.slack.com", "https://files.slack.com/files-pri/T1-F1/a.png", true)]
    [InlineData("files.slack.com", "https://FILES.slack.com./x", true)]
    [InlineData("files.slack.com", "https://files.slack.com:8443/x", false)]
    [InlineData("files.slack.com", "http://files.slack.com/x", false)]
    [InlineData("files.slack.com", "https://evil-files.slack.com/x", false)]
    [InlineData("files.slack.com", "https://files.slack.com.evil.example/x", false)]
    [InlineData("*.sharepoint.com", "https://acme.sharepoint.com/sites/x", true)]
    [InlineData("*.sharepoint.com", "https://a.b.sharepoint.com/x", true)]
    [InlineData("*.sharepoint.com", "https://sharepoint.com/x", false)]
    [InlineData("*.sharepoint.com", "https://evilsharepoint.com/x", false)]
    [InlineData("127.0.0.1:5123", "http://127.0.0.1:5123/file", true)]
    [InlineData("127.0.0.1:5123", "http://127.0.0.1:5124/file", false)]
    [InlineData("127.0.0.1", "http://127.0.0.1:5123/file", false)]
    [InlineData("127.0.0.1", "http://127.0.0.1/file", true)]
    [InlineData("localhost:8080", "http://localhost:8080/", true)]
    [InlineData("example.com:8080", "http://example.com:8080/", false)]
    [InlineData("example.com:8443", "https://example.com:8443/", true)]
    [InlineData("[::1]:9000", "http://[::1]:9000/", true)]
    [InlineData("files.slack.com", "ftp://files.slack.com/x", false)]
    public void Admits_MatchesSchemeHostAndPort(string entry, string url, bool admitted) =>
        Assert.Equal(admitted, HostAllowList.Parse([entry]).Admits(new Uri(url)));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("https://files.slack.com")]
    [InlineData("files.slack.com/path")]
    [InlineData("user@files.slack.com")]
    [InlineData("*.")]
    [InlineData("*.127.0.0.1")]
    [InlineData("host:notaport")]
    public void Parse_RefusesWhatIsNotAHost(string entry)
    {
        Assert.NotNull(HostAllowList.Problem([entry]));
        Assert.Throws<FormatException>(() => HostAllowList.Parse([entry]));
    }

    [Fact]
    public void Admits_NothingWhenEmpty() => Assert.False(HostAllowList.Parse([]).Admits(new Uri("https://files.slack.com/")));
}
