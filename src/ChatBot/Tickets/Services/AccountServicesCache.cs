using System.Threading.Channels;
using ChatBot.Keliweb;
using ChatBot.Keliweb.Products;
using Microsoft.Extensions.Options;

namespace ChatBot.Tickets.Services;

/// <summary>
/// Each account's services (get-clients-products), kept for <see cref="TicketsOptions.ServiceCacheDuration"/> so a
/// typeahead answers within Slack's 3 seconds. A stale list is answered at once and refreshed behind it; a missing
/// one is fetched and waited for only as long as the caller's budget, the fetch going on to fill the cache for the
/// next keystroke. Fetches run here, on the host's background service, a few at a time; a failed one is not tried
/// again for <see cref="FailureBackoff"/>, so an outage costs one request per account, not one per keystroke.
/// In memory, per instance: a list is a few KB, and a cold instance costs one fetch per account.
/// </summary>
public sealed partial class AccountServicesCache(
    KeliwebClient keliweb, IOptionsMonitor<TicketsOptions> options, TimeProvider time, ILogger<AccountServicesCache> logger) : BackgroundService
{
    /// <summary>Keliweb's documented default page; larger pages are not promised.</summary>
    public const int PageSize = 25;

    /// <summary>More than any form can show; a reseller with more finds the rest by typing.</summary>
    public const int MaxServices = 500;

    public const int MaxAccounts = 10_000;

    public static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(30);

    /// <summary>Past this a list is not offered even when Keliweb is down: services end and change hands.</summary>
    public static readonly TimeSpan MaxStaleness = TimeSpan.FromDays(1);

    /// <summary>One fetch (all its pages) gives up after this, whatever Keliweb:Timeout says: nobody waits longer for a list.</summary>
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Fetches at a time: a read each, light for Keliweb. Measured against a stand-in answering in 300 ms, 8 cold
    /// typeaheads at once wait about 600 ms with 4; a morning's first wave (a restart, many accounts) needs more.
    /// </summary>
    private const int Concurrency = 8;

    private readonly Dictionary<ServiceOwner, Entry> entries = [];
    private readonly Channel<ServiceOwner> refreshes = Channel.CreateUnbounded<ServiceOwner>(new UnboundedChannelOptions { SingleReader = false });

    /// <summary>What is known now, without waiting (stale included); a refresh is started when the list is stale or missing.</summary>
    public ServiceList Peek(ServiceOwner owner) => Look(owner).List;

    /// <summary>
    /// The services, waiting at most <paramref name="budget"/> when none are known; <see cref="ServiceList.Unknown"/>
    /// when Keliweb did not answer in time (or failed a moment ago).
    /// </summary>
    public async Task<ServiceList> GetAsync(ServiceOwner owner, TimeSpan budget, CancellationToken cancellationToken)
    {
        var (list, pending) = Look(owner);
        if (list.Known || pending is null)
        {
            return list;
        }

        try
        {
            return await pending.WaitAsync(budget, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            LogNotInTime(owner.AccountId, budget.TotalMilliseconds);
            return ServiceList.Unknown;
        }
    }

    /// <summary>Forgets an account's list (after an unlink, say), so the next form fetches it again.</summary>
    public void Forget(ServiceOwner owner)
    {
        lock (entries)
        {
            if (entries.TryGetValue(owner, out var entry) && entry.Pending is null)
            {
                entries.Remove(owner);
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => RefreshLoopAsync(stoppingToken)));

    private (ServiceList List, Task<ServiceList>? Pending) Look(ServiceOwner owner)
    {
        var now = time.GetUtcNow();
        lock (entries)
        {
            if (!entries.TryGetValue(owner, out var entry))
            {
                MakeRoom();
                entry = new Entry();
                entries[owner] = entry;
            }

            entry.LastUsed = now;
            var list = entry.List is { LoadedAt: { } loaded } known && now - loaded <= MaxStaleness ? known : ServiceList.Unknown;
            var fresh = list.LoadedAt is { } at && now - at < options.CurrentValue.ServiceCacheDuration;
            var backingOff = entry.FailedAt is { } failed && now - failed < FailureBackoff;
            if (!fresh && !backingOff && entry.Pending is null)
            {
                entry.Pending = new TaskCompletionSource<ServiceList>(TaskCreationOptions.RunContinuationsAsynchronously);
                refreshes.Writer.TryWrite(owner);
            }

            return (list, entry.Pending?.Task);
        }
    }

    /// <summary>Drops the least recently used list when full; one being fetched stays.</summary>
    private void MakeRoom()
    {
        if (entries.Count < MaxAccounts)
        {
            return;
        }

        var oldest = entries.Where(e => e.Value.Pending is null).MinBy(e => e.Value.LastUsed);
        if (oldest.Value is not null)
        {
            entries.Remove(oldest.Key);
        }
    }

    private async Task RefreshLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var owner in refreshes.Reader.ReadAllAsync(stoppingToken))
            {
                var loaded = await FetchAsync(owner, stoppingToken);
                Complete(owner, loaded);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: waiters time out on their own budgets.
        }
    }

    private async Task<IReadOnlyList<AccountService>?> FetchAsync(ServiceOwner owner, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(FetchTimeout);
        var services = new List<AccountService>();
        var seen = new HashSet<int>();
        try
        {
            for (var start = 0; services.Count < MaxServices;)
            {
                var result = await keliweb.GetClientsProductsAsync(owner.AccountId, owner.ClientId, start, PageSize, timeout.Token);
                if (result is not KeliwebResult<ClientProductsPage>.Success { Value: var page })
                {
                    return null;
                }

                services.AddRange(page.Products.Where(p => seen.Add(p.Id)).Select(AccountService.From));
                start += page.Products.Count;
                if (page.Products.Count == 0 || start >= page.TotalResults)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            LogFetchTimedOut(owner.AccountId, FetchTimeout.TotalSeconds);
            return null;
        }

        LogLoaded(owner.AccountId, services.Count);
        return services.Count > MaxServices ? services[..MaxServices] : services;
    }

    private void Complete(ServiceOwner owner, IReadOnlyList<AccountService>? loaded)
    {
        TaskCompletionSource<ServiceList>? pending;
        ServiceList answer;
        var now = time.GetUtcNow();
        lock (entries)
        {
            if (!entries.TryGetValue(owner, out var entry))
            {
                entry = new Entry { LastUsed = now };
                entries[owner] = entry;
            }

            if (loaded is null)
            {
                entry.FailedAt = now;
            }
            else
            {
                entry.List = new ServiceList(loaded, true, now);
                entry.FailedAt = null;
            }

            answer = entry.List is { LoadedAt: { } at } list && now - at <= MaxStaleness ? list : ServiceList.Unknown;
            pending = entry.Pending;
            entry.Pending = null;
        }

        pending?.TrySetResult(answer);
    }

    private sealed class Entry
    {
        public ServiceList? List { get; set; }

        public DateTimeOffset? FailedAt { get; set; }

        public TaskCompletionSource<ServiceList>? Pending { get; set; }

        public DateTimeOffset LastUsed { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Services of account {AccountId} loaded: {Count}")]
    private partial void LogLoaded(string accountId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Services of account {AccountId} not loaded within the {BudgetMs} ms budget; the form goes on without them")]
    private partial void LogNotInTime(string accountId, double budgetMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Services of account {AccountId}: Keliweb did not answer within {Seconds} s")]
    private partial void LogFetchTimedOut(string accountId, double seconds);
}
