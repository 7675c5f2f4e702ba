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

    /// <summary>
    /// Found by the fuzz suite: JsonDocument checks a string's UTF-8 only when it is read, so an answer with invalid
    /// UTF-8 (or an unpaired surrogate escape) in its message threw InvalidOperationException out of the client.
    /// </summary>
    [Theory]
    [InlineData(200, "{\"result\":\"error\",\"message\":\"\xC3(\"}")]
    [InlineData(200, "{\"result\":\"success\",\"id\":\"1\",\"tid\":\"\xFF\",\"c\":\"x\"}")]
    [InlineData(400, "{\"message\":\"\xED\xA0\x80\"}")]
    [InlineData(200, "{\"result\":\"error\",\"message\":\"\\ud800\"}")]
    public async Task AnswerThatIsNotUtf8_IsNotJson_AndEveryCallGetsAHandledResult(int status, string latin1Body)
    {
        await using var host = await KeliwebTestHost.StartAsync();
        var body = System.Text.Encoding.Latin1.GetBytes(latin1Body);

        await host.StandIn.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Bytes(status, body));
        var opened = await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, KeliwebTestHost.ClientTicket(), CancellationToken.None);
        await host.StandIn.FailNextAsync(KeliwebStandIn.AddTicketReply, StandInFault.Bytes(status, body));
        var replied = await host.Client.AddTicketReplyAsync(KeliwebOptions.DefaultAccountId, new AddTicketReplyRequest(1, "Grazie."), CancellationToken.None);
        await host.StandIn.FailNextAsync(KeliwebStandIn.GetTicket, StandInFault.Bytes(status, body));
        var read = await host.Client.GetTicketAsync(KeliwebOptions.DefaultAccountId, 1, null, CancellationToken.None);

        // A 2xx that is not JSON may have been processed; a 4xx without a readable message is a plain refusal.
        Assert.IsType(status == 200 ? typeof(KeliwebResult<OpenedTicket>.Uncertain) : typeof(KeliwebResult<OpenedTicket>.ApiError), opened);
        Assert.IsNotType<KeliwebResult<TicketReplyAdded>.Success>(replied);
        Assert.IsNotType<KeliwebResult<KeliwebTicket>.Success>(read);
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
