using System.Diagnostics;
using System.Net;
using ChatBot.Keliweb;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Keliweb;

/// <summary>The stand-in fixture itself, since other features' tests rely on its controls.</summary>
public sealed class KeliwebStandInTests
{
    [Fact]
    public async Task Reset_AfterTicketsAndLogins_ForgetsThemAndTheIssuedTokens()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        Assert.IsType<KeliwebResult<OpenedTicket>.Success>(
            await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, KeliwebTestHost.ClientTicket(), CancellationToken.None));

        await host.StandIn.ResetAsync();

        Assert.Empty(await host.StandIn.GetTicketsAsync());
        Assert.Empty(await host.StandIn.GetTokenRequestsAsync());
        Assert.Equal(0, await host.StandIn.GetCallCountAsync(KeliwebStandIn.OpenTicket));
        // The client's cached token is unknown to the reset stand-in: 401, then its refresh token is refused too.
        var after = await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, KeliwebTestHost.ClientTicket(), CancellationToken.None);
        Assert.IsType<KeliwebResult<OpenedTicket>.NeedsLogin>(after);
    }

    [Fact]
    public async Task Fault_WithCount_AppliesToExactlyTheNextCallsOfThatMethod()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        await host.StandIn.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(503), count: 2);

        var results = new List<KeliwebResult<OpenedTicket>>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, KeliwebTestHost.ClientTicket(), CancellationToken.None));
        }

        Assert.IsType<KeliwebResult<OpenedTicket>.NotSent>(results[0]);
        Assert.IsType<KeliwebResult<OpenedTicket>.NotSent>(results[1]);
        Assert.IsType<KeliwebResult<OpenedTicket>.Success>(results[2]);
        Assert.IsType<KeliwebResult<KeliwebTicket>.Success>(
            await host.Client.GetTicketAsync(KeliwebOptions.DefaultAccountId, 1, null, CancellationToken.None));
    }

    [Fact]
    public async Task SlowRequest_InProgress_DoesNotHoldUpTheNextOne()
    {
        await using var standIn = await KeliwebStandIn.StartAsync();
        await standIn.FailNextAsync(KeliwebStandIn.GetTicket, StandInFault.Http(200, "{}") with { DelaySeconds = 3 });
        using var http = new HttpClient();
        var slow = http.PostAsync(new Uri(standIn.BaseUrl, "api/v2/keliweb/get-ticket"), new StringContent(string.Empty));
        // Once the slow request runs its script, its worker accepts nothing more: the next connection goes elsewhere.
        await WaitForCallAsync(standIn, KeliwebStandIn.GetTicket);
        var elapsed = Stopwatch.StartNew();

        using var fast = await http.PostAsync(new Uri(standIn.BaseUrl, "api/v2/keliweb/get-ticket"), new StringContent(string.Empty));

        Assert.Equal(HttpStatusCode.Unauthorized, fast.StatusCode);
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(2), $"the second request waited {elapsed.Elapsed}");
        using var slowAnswer = await slow;
        Assert.Equal(HttpStatusCode.OK, slowAnswer.StatusCode);
    }

    [Fact]
    public async Task ApiMethod_WithoutBearer_Answers401()
    {
        await using var standIn = await KeliwebStandIn.StartAsync();
        using var http = new HttpClient();

        using var answer = await http.PostAsync(new Uri(standIn.BaseUrl, "api/v2/keliweb/open-ticket"), new FormUrlEncodedContent([new("deptid", "1")]));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Empty(await standIn.GetTicketsAsync());
    }

    private static async Task WaitForCallAsync(KeliwebStandIn standIn, string method)
    {
        var deadline = Stopwatch.StartNew();
        while (await standIn.GetCallCountAsync(method) == 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(5), $"{method} was not called");
            await Task.Delay(20);
        }
    }
}
