namespace ChatBot.Keliweb;

/// <summary>
/// Keeps every logged-in account alive: Keliweb refresh tokens expire after 10 days and rotate on use, so an
/// account whose token has not been refreshed for <see cref="RefreshAfter"/> is refreshed now. One that Keliweb
/// refuses is marked as needing a new login (by the token provider), which the start-up report and
/// <c>accounts list</c> show, and its users are told when they next submit.
/// </summary>
public sealed partial class KeliwebAccountKeeper(
    IKeliwebTokenStore accounts,
    KeliwebTokenProvider tokens,
    TimeProvider time,
    ILogger<KeliwebAccountKeeper> logger) : BackgroundService
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromDays(3);
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await KeepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or HttpRequestException or InvalidOperationException)
            {
                LogKeepFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: refreshes the accounts that are due. Returns how many were refreshed.</summary>
    public async Task<int> KeepAsync(CancellationToken cancellationToken)
    {
        var refreshed = 0;
        var now = time.GetUtcNow();
        foreach (var account in await accounts.ListLoginsAsync(cancellationToken))
        {
            if (account.NeedsLogin || account.RefreshedAt is null || now - account.RefreshedAt < RefreshAfter)
            {
                continue;
            }

            var result = await tokens.RenewNowAsync(account.AccountId, cancellationToken);
            if (result is KeliwebResult<KeliwebAccessToken>.Success)
            {
                refreshed++;
                LogRefreshed(account.AccountId);
            }
            else
            {
                LogNotRefreshed(account.AccountId, result.GetType().Name);
            }
        }

        return refreshed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Keliweb account {AccountId} refreshed before its refresh token expires")]
    private partial void LogRefreshed(string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keliweb account {AccountId} could not be kept alive: {Outcome}")]
    private partial void LogNotRefreshed(string accountId, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Keliweb account keeper failed; it tries again in an hour")]
    private partial void LogKeepFailed(Exception exception);
}
