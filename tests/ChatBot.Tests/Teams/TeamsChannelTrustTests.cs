using ChatBot.Linking;
using ChatBot.Teams;
using ChatBot.Teams.Authentication;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets;

namespace ChatBot.Tests.Teams;

/// <summary>
/// Issue 10, defect 4: posting a notice never makes its target's serviceUrl trusted. Only a target written from an
/// activity whose token vouched for that serviceUrl carries its trust across a restart.
/// </summary>
public sealed class TeamsChannelTrustTests : IAsyncLifetime
{
    private TeamsParts parts = null!;
    private TeamsChannel channel = null!;

    private BotFrameworkLoginStandIn Login => parts.Login;

    private TeamsConnectorStandIn Connector => parts.Connector;

    private TrustedServiceUrls Trust => parts.Trust;

    public async Task InitializeAsync()
    {
        parts = await TeamsParts.StartAsync(); // a fresh process: nothing trusted yet
        channel = parts.Channel();
    }

    public async Task DisposeAsync() => await parts.DisposeAsync();

    [Fact]
    public async Task TargetNotVouchedFor_IsNotPromoted_AndGetsNeitherACallNorTheToken()
    {
        var result = await channel.PostNoticeAsync(Target(vouched: false), Requester, Notice, CancellationToken.None);

        Assert.Equal(PostStatus.Failed, result.Status);
        Assert.Empty(Connector.Calls);
        Assert.False(Trust.IsTrusted(Connector.BaseUrl));
        Assert.Equal(0, Login.TokenRequests);
    }

    [Fact]
    public async Task VouchedTarget_IsAnsweredWithTheToken_AfterARestart()
    {
        var result = await channel.PostNoticeAsync(Target(vouched: true), Requester, Notice, CancellationToken.None);

        Assert.Equal(PostStatus.Posted, result.Status);
        Assert.True(Assert.Single(Connector.Calls).Authorized);
    }

    private static Requester Requester => new(ChatPlatforms.Teams, "tenant-1", "aad-1", "Giulia", null, "it-IT");

    private static TicketNotice Notice => new(TicketNoticeKind.Failed, "sub-1", "Sito giù", "Non è stato possibile aprire il ticket.", null, null, null, "it");

    private string Target(bool vouched) =>
        new TeamsReplyTo(Connector.ServiceUrl, "a:1" + Guid.NewGuid().ToString("N"), true, "29:u", "28:b", "tenant-1", ServiceUrlVouched: vouched).ToJson();
}
