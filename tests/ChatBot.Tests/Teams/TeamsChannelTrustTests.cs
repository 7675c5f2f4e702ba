using ChatBot.Teams;
using ChatBot.Teams.Authentication;
using ChatBot.Teams.Connector;
using ChatBot.Teams.Files;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Teams;

/// <summary>
/// Issue 10, defect 4: posting a notice never makes its target's serviceUrl trusted. Only a target written from an
/// activity whose token vouched for that serviceUrl carries its trust across a restart.
/// </summary>
public sealed class TeamsChannelTrustTests : IAsyncLifetime
{
    private readonly BotFrameworkTokenSigner signer = new();
    private BotFrameworkLoginStandIn login = null!;
    private TeamsConnectorStandIn connector = null!;
    private ServiceProvider services = null!;
    private TrustedServiceUrls trust = null!;
    private TeamsChannel channel = null!;

    public async Task InitializeAsync()
    {
        login = await BotFrameworkLoginStandIn.StartAsync(signer);
        connector = await TeamsConnectorStandIn.StartAsync(login);
        var options = Options.Create(new TeamsOptions { AppId = BotFrameworkTokenSigner.AppId, AppPassword = BotFrameworkLoginStandIn.AppPassword, TokenEndpoint = login.TokenEndpoint });
        services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var factory = services.GetRequiredService<IHttpClientFactory>();
        trust = new TrustedServiceUrls(options); // a fresh process: nothing remembered yet
        var tokens = new ConnectorTokenProvider(factory, options, TimeProvider.System, NullLogger<ConnectorTokenProvider>.Instance);
        channel = new TeamsChannel(
            new TeamsConnectorClient(factory, tokens, trust, NullLogger<TeamsConnectorClient>.Instance),
            new TeamsFileDownloader(factory, tokens, trust, options, NullLogger<TeamsFileDownloader>.Instance),
            trust,
            NullLogger<TeamsChannel>.Instance);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await connector.DisposeAsync();
        await login.DisposeAsync();
        signer.Dispose();
    }

    [Fact]
    public async Task TargetNotVouchedFor_IsNotPromoted_AndGetsNeitherACallNorTheToken()
    {
        var result = await channel.PostNoticeAsync(Target(vouched: false), Requester, Notice, CancellationToken.None);

        Assert.Equal(PostStatus.Failed, result.Status);
        Assert.Empty(connector.Calls);
        Assert.False(trust.IsTrusted(connector.BaseUrl));
        Assert.Equal(0, login.TokenRequests);
    }

    [Fact]
    public async Task VouchedTarget_IsAnsweredWithTheToken_AfterARestart()
    {
        var result = await channel.PostNoticeAsync(Target(vouched: true), Requester, Notice, CancellationToken.None);

        Assert.Equal(PostStatus.Posted, result.Status);
        Assert.True(Assert.Single(connector.Calls).Authorized);
    }

    private static Requester Requester => new(ChatPlatforms.Teams, "tenant-1", "aad-1", "Giulia", null, "it-IT");

    private static TicketNotice Notice => new(TicketNoticeKind.Failed, "sub-1", "Sito giù", "Non è stato possibile aprire il ticket.", null, null, null, "it");

    private string Target(bool vouched) =>
        new TeamsReplyTo(connector.ServiceUrl, "a:1" + Guid.NewGuid().ToString("N"), true, "29:u", "28:b", "tenant-1", ServiceUrlVouched: vouched).ToJson();
}
