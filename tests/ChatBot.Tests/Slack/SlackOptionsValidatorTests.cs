using ChatBot.Slack;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChatBot.Tests.Slack;

/// <summary>Slack:FileHosts holds hosts, as HostAllowList reads them; anything else stops the start, naming the entry.</summary>
public sealed class SlackOptionsValidatorTests
{
    [Theory]
    [InlineData("https://files.slack.com")]
    [InlineData("files.slack.com/files-pri")]
    [InlineData("token@files.slack.com")]
    [InlineData("*.")]
    [InlineData("files.slack.com:notaport")]
    [InlineData(" ")]
    public void EntryThatIsNotAHost_IsRefusedByName(string entry)
    {
        var result = new SlackOptionsValidator().Validate(null, new SlackOptions { FileHosts = ["files.slack.com", entry] });

        Assert.True(result.Failed);
        Assert.Contains("Slack:FileHosts:1 must be a host name", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("files.slack.com")]
    [InlineData("*.slack-edge.com")]
    [InlineData("127.0.0.1:5123")]
    [InlineData("[::1]:9000")]
    public void Hosts_Suffixes_AndHostPorts_AreAccepted(string entry) =>
        Assert.True(new SlackOptionsValidator().Validate(null, new SlackOptions { FileHosts = [entry] }).Succeeded);

    [Fact]
    public void ABadEntry_StopsTheRealHost()
    {
        var data = Directory.CreateTempSubdirectory("chatbot-filehosts-").FullName;
        try
        {
            using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
                .UseSetting("Storage:DataPath", data)
                .UseSetting("Slack:FileHosts:0", "https://files.slack.com/"));

            var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

            Assert.Contains("Slack:FileHosts", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
