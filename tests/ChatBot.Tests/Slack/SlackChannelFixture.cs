using ChatBot.Slack;
using ChatBot.Slack.Files;
using ChatBot.Slack.Installations;
using ChatBot.Slack.WebApi;
using ChatBot.Tests.StandIns;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace ChatBot.Tests.Slack;

/// <summary>A <see cref="SlackChannel"/> wired to a fresh <see cref="SlackApiStandIn"/>, without the host.</summary>
public sealed class SlackChannelFixture : IAsyncDisposable
{
    private readonly TestDatabase database;

    private SlackChannelFixture(SlackApiStandIn api, SlackChannel channel, SlackOptions options, MemoryCache cache, TestDatabase database)
    {
        this.database = database;
        Api = api;
        Channel = channel;
        Options = options;
        Cache = cache;
    }

    public SlackApiStandIn Api { get; }

    /// <summary>The channel's memory: what it keeps between calls.</summary>
    public MemoryCache Cache { get; }
    public SlackChannel Channel { get; }
    public SlackOptions Options { get; }

    /// <summary>Whose submission a download is for: one workspace's requester (the token is the configured one).</summary>
    public static readonly ChatBot.Tickets.Requester Requester = new("slack", "T0KELIWEB", "U0REQUEST1", "giulia", "giulia@example.it", "it-IT");

    public static async Task<SlackChannelFixture> StartAsync(string token = SlackApiStandIn.Token)
    {
        var api = await SlackApiStandIn.StartAsync();
        var options = new SlackOptions { SigningSecret = "s", BotToken = token, ApiBaseUrl = api.ApiBaseUrl, FileHosts = [$"127.0.0.1:{api.Port}"] };
        var monitor = Substitute.For<IOptionsMonitor<SlackOptions>>();
        monitor.CurrentValue.Returns(options);
        var tokens = new ConfiguredSlackToken(monitor);
        var client = new SlackApiClient(Http(), monitor, tokens, NullLogger<SlackApiClient>.Instance);
        var downloader = new SlackFileDownloader(Http(), client, tokens, monitor, NullLogger<SlackFileDownloader>.Instance);
        var cache = new MemoryCache(new MemoryCacheOptions());
        var database = await TestDatabase.CreateSqliteAsync();
        var store = new SlackInstallationStore(database.Database, new EphemeralDataProtectionProvider(), TimeProvider.System, NullLogger<SlackInstallationStore>.Instance);
        var workspaces = new SlackEnterpriseTeams(database.Database, store, monitor, cache, TimeProvider.System, NullLogger<SlackEnterpriseTeams>.Instance);
        var channel = new SlackChannel(client, downloader, new SlackUserDirectory(client, cache), workspaces, cache, NullLogger<SlackChannel>.Instance);
        return new SlackChannelFixture(api, channel, options, cache, database);
    }

    public async ValueTask DisposeAsync()
    {
        Cache.Dispose();
        await Api.DisposeAsync();
        await database.DisposeAsync();
    }

    private static HttpClient Http() => new(new SocketsHttpHandler { AllowAutoRedirect = false });
}
