using ChatBot.Teams;

namespace ChatBot.Tests.Teams;

public sealed class TeamsOptionsValidatorTests
{
    [Fact]
    public void FileHosts_DefaultToSharePoint_WhenNoneAreConfigured()
    {
        var options = new TeamsOptions();

        Assert.Equal(["*.sharepoint.com"], options.FileHosts);
        Assert.True(new TeamsOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("https://contoso.sharepoint.com")]
    [InlineData("contoso.sharepoint.com/sites")]
    [InlineData("*.")]
    [InlineData(" ")]
    public void FileHosts_ThatAreNotHosts_StopTheStart_NamingTheKey(string entry)
    {
        var result = new TeamsOptionsValidator().Validate(null, new TeamsOptions { FileHosts = ["*.sharepoint.com", entry] });

        Assert.True(result.Failed);
        Assert.Contains("Teams:FileHosts", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contoso.sharepoint.com")]
    [InlineData("*.sharepoint.us")]
    [InlineData("127.0.0.1:5123")]
    public void FileHosts_AcceptHostsSuffixesAndPorts(string entry) =>
        Assert.True(new TeamsOptionsValidator().Validate(null, new TeamsOptions { FileHosts = [entry] }).Succeeded);
}
