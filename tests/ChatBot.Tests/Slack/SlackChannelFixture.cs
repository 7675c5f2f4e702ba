using ChatBot.Slack;
using ChatBot.Slack.Files;
using ChatBot.Slack.WebApi;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace ChatBot.Tests.Slack;

/// <summary>A <see cref="SlackChannel"/> wired to a fresh <see cref="SlackApiStandIn"/>, without the host.</summary>
public sealed class SlackChannelFixture : IAsyncDisposable
{
    private SlackChannelFixture(SlackApiStandIn api, SlackChannel channel, SlackOptions options)
    {
        Api = api;
        Channel = channel;
        Options = options;
    }

    public SlackApiStandIn Api { get; }
    public SlackChannel Channel { get; }
    public SlackOptions Options { get; }

    public static async Task<SlackChannelFixture> StartAsync(string token = SlackApiStandIn.Token)
    {
        var api = await SlackApiStandIn.StartAsync();
        var options = new SlackOptions { SigningSecret = "s", BotToken = token, ApiBaseUrl = api.ApiBaseUrl, FileHosts = ["127.0.0.1"] };
        var monitor = Substitute.For<IOptionsMonitor<SlackOptions>>();
        monitor.CurrentValue.Returns(options);
        var client = new SlackApiClient(Http(), monitor, NullLogger<SlackApiClient>.Instance);
        var downloader = new SlackFileDownloader(Http(), client, monitor, NullLogger<SlackFileDownloader>.Instance);
        return new SlackChannelFixture(api, new SlackChannel(client, downloader, new MemoryCache(new MemoryCacheOptions()), NullLogger<SlackChannel>.Instance), options);
    }

    public async ValueTask DisposeAsync() => await Api.DisposeAsync();

    private static HttpClient Http() => new(new SocketsHttpHandler { AllowAutoRedirect = false });
}
