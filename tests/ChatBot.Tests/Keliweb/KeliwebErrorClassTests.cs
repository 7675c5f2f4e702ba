using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ChatBot.Keliweb;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Keliweb;

/// <summary>
/// Each way a call can fail, as the pipeline must tell them apart (design section 4): final errors, surely-not-sent
/// (safe to retry) and uncertain (never retried by the client).
/// </summary>
public sealed class KeliwebErrorClassTests
{
    private static Task<KeliwebResult<OpenedTicket>> OpenAsync(KeliwebTestHost host) =>
        host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, KeliwebTestHost.ClientTicket(), CancellationToken.None);

    [Fact]
    public async Task OpenTicket_WhmcsErrorAnswer_IsApiErrorWithItsMessage()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        await host.StandIn.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.WhmcsError("Client ID Not Found"));

        var result = await OpenAsync(host);

        Assert.Equal("Client ID Not Found", Assert.IsType<KeliwebResult<OpenedTicket>.ApiError>(result).Message);
    }

    [Fact]
    public async Task OpenTicket_Unavailable503WithRetryAfterSeconds_IsNotSentWithTheDelay()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        await host.StandIn.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(503, "busy", new() { ["Retry-After"] = "7" }));

        var result = await OpenAsync(host);

        Assert.Equal(TimeSpan.FromSeconds(7), Assert.IsType<KeliwebResult<OpenedTicket>.NotSent>(result).RetryAfter);
        Assert.Empty(await host.StandIn.GetTicketsAsync());
    }

    [Fact]
    public async Task OpenTicket_Unavailable503WithRetryAfterDate_IsNotSentWithTheRemainingDelay()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(2).ToString("R", CultureInfo.InvariantCulture);
        await host.StandIn.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(503, headers: new() { ["Retry-After"] = at }));

        var result = await OpenAsync(host);

        var retryAfter = Assert.IsType<KeliwebResult<OpenedTicket>.NotSent>(result).RetryAfter;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(121));
    }

    [Fact]
    public async Task OpenTicket_RateLimited429_IsNotSent()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        await host.StandIn.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(429, "{\"message\":\"Too Many Attempts.\"}", new() { ["Retry-After"] = "60" }));

        var result = await OpenAsync(host);

        Assert.Equal(TimeSpan.FromSeconds(60), Assert.IsType<KeliwebResult<OpenedTicket>.NotSent>(result).RetryAfter);
        Assert.Equal(1, await host.StandIn.GetCallCountAsync(KeliwebStandIn.OpenTicket));
    }

    [Fact]
    public async Task OpenTicket_ConnectionRefused_IsNotSent()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        // A token first, then the server goes away: the API call itself meets a closed port.
        Assert.IsType<KeliwebResult<KeliwebAccessToken>.Success>(await host.Tokens.GetAccessTokenAsync(KeliwebOptions.DefaultAccountId, CancellationToken.None));
        await host.StandIn.DisposeAsync();

        var result = await OpenAsync(host);

        Assert.Contains("ConnectionError", Assert.IsType<KeliwebResult<OpenedTicket>.NotSent>(result).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenTicket_TokenEndpointUnreachable_IsNotSent()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var host = await KeliwebTestHost.StartAsync(new Dictionary<string, string?> { ["Keliweb:BaseUrl"] = $"http://127.0.0.1:{closedPort}/" });

        var result = await OpenAsync(host);

        Assert.IsType<KeliwebResult<OpenedTicket>.NotSent>(result);
    }

    [Fact]
    public async Task OpenTicket_HtmlBadGatewayPage_IsUncertain()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        await host.StandIn.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.HtmlPage(502));

        var result = await OpenAsync(host);

        Assert.Contains("502", Assert.IsType<KeliwebResult<OpenedTicket>.Uncertain>(result).Reason, StringComparison.Ordinal);
        Assert.Equal(1, await host.StandIn.GetCallCountAsync(KeliwebStandIn.OpenTicket));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(504)]
    public async Task OpenTicket_ServerError_IsUncertainAndNotRetried(int status)
    {
        await using var host = await KeliwebTestHost.StartAsync();
        await host.StandIn.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(status, "{\"message\":\"Server Error\"}"));

        var result = await OpenAsync(host);

        Assert.IsType<KeliwebResult<OpenedTicket>.Uncertain>(result);
        Assert.Equal(1, await host.StandIn.GetCallCountAsync(KeliwebStandIn.OpenTicket));
    }

    [Fact]
    public async Task OpenTicket_HtmlPageWithStatus200_IsUncertain()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        await host.StandIn.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(200, "<html><body>Maintenance</body></html>"));

        var result = await OpenAsync(host);

        Assert.IsType<KeliwebResult<OpenedTicket>.Uncertain>(result);
    }

    [Fact]
    public async Task OpenTicket_NotFound404_IsFinalApiError()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        await host.StandIn.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(404, "{\"message\":\"Not Found\"}"));

        var result = await OpenAsync(host);

        Assert.Equal("Not Found", Assert.IsType<KeliwebResult<OpenedTicket>.ApiError>(result).Message);
    }

    [Fact]
    public async Task OpenTicket_Redirect_IsNotFollowedSoTheTokenStaysAtKeliweb_AndIsUncertain()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        await host.StandIn.FailNextAsync(
            KeliwebStandIn.OpenTicket, StandInFault.Http(307, headers: new() { ["Location"] = host.StandIn.BaseUrl + "api/v2/keliweb/get-ticket" }));

        var result = await OpenAsync(host);

        // A redirect after the POST says nothing about whether it was handled: "failed" would invite a duplicate ticket.
        Assert.Contains("redirect", Assert.IsType<KeliwebResult<OpenedTicket>.Uncertain>(result).Reason, StringComparison.Ordinal);
        Assert.Equal(0, await host.StandIn.GetCallCountAsync(KeliwebStandIn.GetTicket));
    }

    [Fact]
    public async Task OpenTicket_TimeoutWhileKeliwebCreatesTheTicket_IsUncertainAndSentOnce()
    {
        await using var host = await KeliwebTestHost.StartAsync(new Dictionary<string, string?> { ["Keliweb:Timeout"] = "00:00:01" });
        await host.StandIn.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.ProcessThenDelay(3));

        var result = await OpenAsync(host);

        Assert.IsType<KeliwebResult<OpenedTicket>.Uncertain>(result);
        // The ticket exists although the client gave up: exactly the case that must not be retried blindly.
        Assert.Single(await host.StandIn.WaitForTicketsAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal(1, await host.StandIn.GetCallCountAsync(KeliwebStandIn.OpenTicket));
    }

    [Fact]
    public async Task OpenTicket_ConnectionDroppedAfterProcessing_IsUncertain()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        await host.StandIn.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.CloseConnection(processFirst: true));

        var result = await OpenAsync(host);

        Assert.IsType<KeliwebResult<OpenedTicket>.Uncertain>(result);
        Assert.Single(await host.StandIn.GetTicketsAsync());
        Assert.Equal(1, await host.StandIn.GetCallCountAsync(KeliwebStandIn.OpenTicket));
    }
}
