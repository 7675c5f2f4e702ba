using ChatBot.Keliweb;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Keliweb;

/// <summary>Tokens against the stand-in's <c>oauth/token</c>: grants, caching, rotation, 401 handling, no stampede.</summary>
public sealed class KeliwebTokenTests
{
    private const string Default = KeliwebOptions.DefaultAccountId;

    private static Task<KeliwebResult<OpenedTicket>> OpenAsync(KeliwebTestHost host, string accountId = Default) =>
        host.Client.OpenTicketAsync(accountId, KeliwebTestHost.ClientTicket(), CancellationToken.None);

    [Fact]
    public async Task FirstCall_DefaultAccountWithoutStoredToken_LogsInWithConfiguredPasswordAndStoresRefreshToken()
    {
        await using var host = await KeliwebTestHost.StartAsync();

        Assert.IsType<KeliwebResult<OpenedTicket>.Success>(await OpenAsync(host));

        var login = Assert.Single(await host.StandIn.GetTokenRequestsAsync());
        Assert.Equal(("password", KeliwebStandIn.DefaultUsername, true), (login.GrantType, login.Username, login.Granted));
        Assert.Equal(login.RefreshToken, host.Store.RefreshTokenOf(Default));
        Assert.Equal(KeliwebStandIn.DefaultUsername, host.Store.EmailOf(Default));
    }

    [Fact]
    public async Task ShortLivedAccessToken_Expires_IsRefreshedAndTheRotatedRefreshTokenIsStored()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        await host.StandIn.SetAccessTokenLifetimeAsync(1);
        Assert.IsType<KeliwebResult<OpenedTicket>.Success>(await OpenAsync(host));
        var firstRefreshToken = host.Store.RefreshTokenOf(Default);

        // The stand-in keeps real time, so real time has to pass its one-second expiry.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.IsType<KeliwebResult<OpenedTicket>.Success>(await OpenAsync(host));

        var requests = await host.StandIn.GetTokenRequestsAsync();
        Assert.Equal(["password", "refresh_token"], requests.Select(r => r.GrantType));
        Assert.All(requests, r => Assert.True(r.Granted));
        Assert.NotEqual(firstRefreshToken, host.Store.RefreshTokenOf(Default));
        Assert.Equal(requests[1].RefreshToken, host.Store.RefreshTokenOf(Default));
        Assert.Equal(KeliwebStandIn.DefaultUsername, host.Store.EmailOf(Default));
        var tickets = await host.StandIn.GetTicketsAsync();
        Assert.Equal([requests[0].AccessToken, requests[1].AccessToken], tickets.Select(t => t.BearerToken));
        // No 401 was needed: the cached token was renewed before it expired.
        Assert.Equal(2, await host.StandIn.GetCallCountAsync(KeliwebStandIn.OpenTicket));
    }

    [Fact]
    public async Task CachedToken_BeforeAndAfterItsRenewalTime_IsReusedThenRenewed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await KeliwebTestHost.StartAsync(time: time);
        var first = await host.Tokens.GetAccessTokenAsync(Default, CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(58));
        var cached = await host.Tokens.GetAccessTokenAsync(Default, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1.5));
        var renewed = await host.Tokens.GetAccessTokenAsync(Default, CancellationToken.None);

        Assert.Equal(first, cached);
        Assert.NotEqual(first, renewed);
        Assert.Equal(["password", "refresh_token"], (await host.StandIn.GetTokenRequestsAsync()).Select(r => r.GrantType));
    }

    [Fact]
    public async Task AccessTokenRefusedWith401_RefreshesOnceAndRetriesOnce()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        Assert.IsType<KeliwebResult<OpenedTicket>.Success>(await OpenAsync(host));
        await host.StandIn.ExpireAccessTokensAsync();

        var result = await OpenAsync(host);

        Assert.IsType<KeliwebResult<OpenedTicket>.Success>(result);
        Assert.Equal(["password", "refresh_token"], (await host.StandIn.GetTokenRequestsAsync()).Select(r => r.GrantType));
        Assert.Equal(3, await host.StandIn.GetCallCountAsync(KeliwebStandIn.OpenTicket));
        Assert.Equal(2, (await host.StandIn.GetTicketsAsync()).Count);
    }

    [Fact]
    public async Task Refused401TwiceInARow_FailsClearlyAfterOneRefresh()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        await host.StandIn.FailNextAsync(KeliwebStandIn.OpenTicket, StandInFault.Http(401, "{\"message\":\"Unauthenticated.\"}"), count: 5);

        var result = await OpenAsync(host);

        Assert.Contains("401", Assert.IsType<KeliwebResult<OpenedTicket>.ApiError>(result).Message, StringComparison.Ordinal);
        Assert.Equal(2, await host.StandIn.GetCallCountAsync(KeliwebStandIn.OpenTicket));
        Assert.Equal(["password", "refresh_token"], (await host.StandIn.GetTokenRequestsAsync()).Select(r => r.GrantType));
    }

    [Fact]
    public async Task ConcurrentCallers_FirstLoginAndLaterExpiry_ShareOneTokenRequestEach()
    {
        await using var host = await KeliwebTestHost.StartAsync();

        var firstWave = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => OpenAsync(host)));
        Assert.All(firstWave, r => Assert.IsType<KeliwebResult<OpenedTicket>.Success>(r));
        Assert.Single(await host.StandIn.GetTokenRequestsAsync());

        await host.StandIn.ExpireAccessTokensAsync();
        var secondWave = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => OpenAsync(host)));

        Assert.All(secondWave, r => Assert.IsType<KeliwebResult<OpenedTicket>.Success>(r));
        Assert.Equal(["password", "refresh_token"], (await host.StandIn.GetTokenRequestsAsync()).Select(r => r.GrantType));
        Assert.Equal(24, (await host.StandIn.GetTicketsAsync()).Count);
    }

    [Fact]
    public async Task RefreshTokenRevoked_MarksAccountAndReturnsNeedsLogin()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        Assert.IsType<KeliwebResult<OpenedTicket>.Success>(await OpenAsync(host));
        await host.StandIn.RevokeRefreshTokensAsync();
        await host.StandIn.ExpireAccessTokensAsync();

        var result = await OpenAsync(host);

        Assert.Equal(Default, Assert.IsType<KeliwebResult<OpenedTicket>.NeedsLogin>(result).AccountId);
        Assert.Contains("invalid_grant", host.Store.NeedsLogin[Default], StringComparison.Ordinal);
        Assert.Single(await host.StandIn.GetTicketsAsync());
    }

    [Fact]
    public async Task AccountWithoutStoredLogin_ReturnsNeedsLoginWithoutCallingKeliweb()
    {
        await using var host = await KeliwebTestHost.StartAsync();

        var result = await OpenAsync(host, "acme");

        Assert.Equal("acme", Assert.IsType<KeliwebResult<OpenedTicket>.NeedsLogin>(result).AccountId);
        Assert.Empty(await host.StandIn.GetTokenRequestsAsync());
        Assert.Equal(0, await host.StandIn.GetCallCountAsync(KeliwebStandIn.OpenTicket));
    }

    [Fact]
    public async Task LoginAsync_CorrectPassword_StoresOnlyTheRefreshTokenWhichLaterCallsUse()
    {
        await using var host = await KeliwebTestHost.StartAsync();

        var login = await host.Tokens.LoginAsync("acme", "mario@acme.it", KeliwebStandIn.UserPassword, CancellationToken.None);

        Assert.Equal(new KeliwebAccountLogin("acme", "mario@acme.it"), Assert.IsType<KeliwebResult<KeliwebAccountLogin>.Success>(login).Value);
        Assert.Equal("mario@acme.it", host.Store.EmailOf("acme"));
        Assert.StartsWith("rt_", host.Store.RefreshTokenOf("acme"), StringComparison.Ordinal);
        await host.StandIn.ExpireAccessTokensAsync();
        Assert.IsType<KeliwebResult<OpenedTicket>.Success>(await OpenAsync(host, "acme"));
        var requests = await host.StandIn.GetTokenRequestsAsync();
        Assert.Equal([("password", "mario@acme.it"), ("refresh_token", "mario@acme.it")], requests.Select(r => (r.GrantType, r.Username)));
    }

    [Fact]
    public async Task LoginAsync_WrongPassword_IsNeedsLogin_KeepsTheEarlierLogin_AndDoesNotFlagTheAccount()
    {
        await using var host = await KeliwebTestHost.StartAsync();
        await host.Tokens.LoginAsync("acme", "mario@acme.it", KeliwebStandIn.UserPassword, CancellationToken.None);
        var stored = host.Store.RefreshTokenOf("acme");

        var login = await host.Tokens.LoginAsync("acme", "mario@acme.it", "wrong-password", CancellationToken.None);

        Assert.Contains("invalid_grant", Assert.IsType<KeliwebResult<KeliwebAccountLogin>.NeedsLogin>(login).Reason, StringComparison.Ordinal);
        Assert.Equal(stored, host.Store.RefreshTokenOf("acme"));
        Assert.False(host.Store.NeedsLogin.ContainsKey("acme"));
    }

    [Fact]
    public async Task LoginAsync_WrongApiKeys_IsApiError_NotAWrongPassword()
    {
        await using var host = await KeliwebTestHost.StartAsync(new Dictionary<string, string?> { ["Keliweb:ClientSecret"] = "wrong" });

        var login = await host.Tokens.LoginAsync("acme", "mario@acme.it", KeliwebStandIn.UserPassword, CancellationToken.None);

        Assert.Contains("Keliweb:ClientSecret", Assert.IsType<KeliwebResult<KeliwebAccountLogin>.ApiError>(login).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongApiKeys_AreAFinalApiErrorNamingTheSettings()
    {
        await using var host = await KeliwebTestHost.StartAsync(new Dictionary<string, string?> { ["Keliweb:ClientSecret"] = "wrong" });

        var result = await OpenAsync(host);

        Assert.Contains("Keliweb:ClientSecret", Assert.IsType<KeliwebResult<OpenedTicket>.ApiError>(result).Message, StringComparison.Ordinal);
        Assert.False(host.Store.NeedsLogin.ContainsKey(Default));
    }
}
