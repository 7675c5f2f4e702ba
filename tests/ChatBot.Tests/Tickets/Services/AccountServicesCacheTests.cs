using System.Diagnostics;
using ChatBot.Keliweb;
using ChatBot.Tests.Keliweb;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets;
using ChatBot.Tickets.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace ChatBot.Tests.Tickets.Services;

/// <summary>The per-account services cache against the PHP stand-in: budgets, outages, staleness, and whose list is whose.</summary>
public sealed class AccountServicesCacheTests : IAsyncLifetime
{
    private static readonly ServiceOwner Default = new(KeliwebOptions.DefaultAccountId, 7);
    private static readonly StandInProduct[] DefaultServices = [new(101, "Hosting Starter", "negozio.it"), new(102, "VPS Pro", "vps.example.com")];

    private KeliwebTestHost host = null!;

    public async Task InitializeAsync()
    {
        host = await KeliwebTestHost.StartAsync();
        await host.StandIn.SetProductsAsync(KeliwebStandIn.DefaultUsername, DefaultServices);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task<AccountServicesCache> StartCacheAsync(TimeProvider? time = null)
    {
        var options = Substitute.For<IOptionsMonitor<TicketsOptions>>();
        options.CurrentValue.Returns(new TicketsOptions());
        var cache = new AccountServicesCache(host.Client, options, time ?? TimeProvider.System, NullLogger<AccountServicesCache>.Instance);
        await cache.StartAsync(CancellationToken.None);
        return cache;
    }

    [Fact]
    public async Task ColdCache_SlowKeliweb_WithinTheBudget_AnswersTheList_ThenFromMemory()
    {
        using var cache = await StartCacheAsync();
        await host.StandIn.FailNextAsync(KeliwebStandIn.GetClientsProducts, new StandInFault(DelaySeconds: 0.3));

        var first = await cache.GetAsync(Default, TimeSpan.FromSeconds(10), CancellationToken.None);
        var second = await cache.GetAsync(Default, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.True(first.Known);
        Assert.Equal([101, 102], first.Items.Select(s => s.Id));
        Assert.Same(first, second);
        Assert.Equal(1, await host.StandIn.GetCallCountAsync(KeliwebStandIn.GetClientsProducts));
    }

    [Fact]
    public async Task ColdCache_KeliwebSlowerThanTheBudget_AnswersUnknownAtOnce_AndTheFetchFillsTheCacheForTheNextCall()
    {
        using var cache = await StartCacheAsync();
        await host.StandIn.FailNextAsync(KeliwebStandIn.GetClientsProducts, new StandInFault(DelaySeconds: 1.5));

        var watch = Stopwatch.StartNew();
        var first = await cache.GetAsync(Default, TimeSpan.FromMilliseconds(100), CancellationToken.None);
        watch.Stop();

        Assert.False(first.Known);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.4), $"waited {watch.Elapsed} for a 100 ms budget");
        var later = await PollAsync(() => cache.Peek(Default), l => l.Known);
        Assert.Equal([101, 102], later.Items.Select(s => s.Id));
    }

    [Fact]
    public async Task KeliwebDown_AnswersUnknown_AndBacksOff_InsteadOfAskingOnEveryKeystroke()
    {
        using var cache = await StartCacheAsync();
        await host.StandIn.FailNextAsync(KeliwebStandIn.GetClientsProducts, StandInFault.Http(503), count: 10);

        var first = await cache.GetAsync(Default, TimeSpan.FromSeconds(10), CancellationToken.None);
        var second = await cache.GetAsync(Default, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.False(first.Known);
        Assert.False(second.Known);
        Assert.Equal(1, await host.StandIn.GetCallCountAsync(KeliwebStandIn.GetClientsProducts));
    }

    [Fact]
    public async Task StaleList_IsAnsweredAtOnce_WhileARefreshRuns_AndKeptWhenKeliwebFails()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var cache = await StartCacheAsync(time);
        var loaded = await cache.GetAsync(Default, TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.True(loaded.Known);

        await host.StandIn.SetProductsAsync(KeliwebStandIn.DefaultUsername, [.. DefaultServices, new(103, "Nuovo dominio", "nuovo.it")]);
        await host.StandIn.FailNextAsync(KeliwebStandIn.GetClientsProducts, new StandInFault(DelaySeconds: 1));
        time.Advance(TimeSpan.FromMinutes(6));
        var stale = await cache.GetAsync(Default, TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Same(loaded, stale);
        var refreshed = await PollAsync(() => cache.Peek(Default), l => l.Items.Count == 3);
        Assert.Equal([101, 102, 103], refreshed.Items.Select(s => s.Id));

        await host.StandIn.FailNextAsync(KeliwebStandIn.GetClientsProducts, StandInFault.Http(503), count: 10);
        time.Advance(TimeSpan.FromMinutes(6));
        cache.Peek(Default);
        await PollAsync(() => host.StandIn.GetCallCountAsync(KeliwebStandIn.GetClientsProducts).Result, n => n == 3);
        Assert.Same(refreshed, await cache.GetAsync(Default, TimeSpan.FromSeconds(10), CancellationToken.None));
    }

    [Fact]
    public async Task TwoAccounts_EachGetsItsOwnList()
    {
        using var cache = await StartCacheAsync();
        var login = await host.Tokens.LoginAsync("acme", "acme@example.com", KeliwebStandIn.UserPassword, CancellationToken.None);
        Assert.IsType<KeliwebResult<KeliwebAccountLogin>.Success>(login);
        await host.StandIn.SetProductsAsync("acme@example.com", [new(900, "Acme Cloud", "acme.it")]);

        var acme = await cache.GetAsync(new ServiceOwner("acme", null), TimeSpan.FromSeconds(10), CancellationToken.None);
        var ours = await cache.GetAsync(Default, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal([900], acme.Items.Select(s => s.Id));
        Assert.Equal([101, 102], ours.Items.Select(s => s.Id));
    }

    [Fact]
    public async Task ManyServices_AreReadPageByPage()
    {
        using var cache = await StartCacheAsync();
        await host.StandIn.SetProductsAsync(KeliwebStandIn.DefaultUsername, Enumerable.Range(1, 60).Select(i => new StandInProduct(i, $"Product {i}")));

        var list = await cache.GetAsync(Default, TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 60), list.Items.Select(s => s.Id));
        Assert.Equal([0, 25, 50], (await host.StandIn.GetProductsRequestsAsync()).Select(r => r.Limitstart));
    }

    private static async Task<T> PollAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var value = read();
            if (done(value))
            {
                return value;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the condition was not met in 30 s");
            await Task.Delay(50);
        }
    }
}
