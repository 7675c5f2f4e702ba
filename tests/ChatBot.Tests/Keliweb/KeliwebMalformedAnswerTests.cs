using ChatBot.Keliweb;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Keliweb;

/// <summary>Keliweb's answers with nulls and wrong types where its records have none: handled results, never exceptions.</summary>
public sealed class KeliwebMalformedAnswerTests
{
    [Theory]
    [InlineData("""{"access_token":null,"expires_in":3600}""")]
    [InlineData("""{"expires_in":3600}""")]
    [InlineData("""{"access_token":"a","expires_in":null}""")]
    [InlineData("""{"access_token":"a","expires_in":"soon"}""")]
    [InlineData("""{"access_token":"a","expires_in":-5}""")]
    [InlineData("""{"access_token":["a"],"expires_in":3600}""")]
    [InlineData("""null""")]
    [InlineData("""[]""")]
    public async Task TokenAnswerWithoutAUsableToken_IsNotSent_AndNoTicketIsTried(string answer)
    {
        await using var host = await KeliwebTestHost.StartAsync();
        await host.StandIn.FailNextAsync(KeliwebStandIn.Token, StandInFault.Http(200, answer));

        var result = await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, KeliwebTestHost.ClientTicket(), CancellationToken.None);

        Assert.IsType<KeliwebResult<OpenedTicket>.NotSent>(result);
        Assert.Equal(0, await host.StandIn.GetCallCountAsync(KeliwebStandIn.OpenTicket));
    }

    [Theory]
    [InlineData("""{"error":null}""")]
    [InlineData("""{"error":42}""")]
    [InlineData("""{}""")]
    public async Task RefusalWithoutAnOAuthError_IsReadAsARefusedGrant(string answer)
    {
        await using var host = await KeliwebTestHost.StartAsync();
        await host.StandIn.FailNextAsync(KeliwebStandIn.Token, StandInFault.Http(400, answer));

        var result = await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, KeliwebTestHost.ClientTicket(), CancellationToken.None);

        Assert.Contains("invalid_grant", Assert.IsType<KeliwebResult<OpenedTicket>.NeedsLogin>(result).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"result":"success","id":null,"tid":"1","c":"x"}""")]
    [InlineData("""{"result":"success","id":{"n":1},"tid":"1","c":"x"}""")]
    [InlineData("""{"result":"success","id":"99999999999","tid":"1","c":"x"}""")]
    [InlineData("""{"result":null}""")]
    [InlineData("""["success"]""")]
    public async Task OpenTicketSuccessWithoutAReadableTicket_IsUncertain(string answer)
    {
        await using var host = await KeliwebTestHost.StartAsync();
        await host.StandIn.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(200, answer));

        var result = await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, KeliwebTestHost.ClientTicket(), CancellationToken.None);

        Assert.IsType<KeliwebResult<OpenedTicket>.Uncertain>(result);
    }
}
