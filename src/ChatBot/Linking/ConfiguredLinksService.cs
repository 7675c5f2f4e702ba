using ChatBot.Keliweb;
using ChatBot.Storage;
using Microsoft.Extensions.Options;

namespace ChatBot.Linking;

/// <summary>
/// Writes the "Links" configuration section into the links table at start. Registered after the storage feature, so it
/// runs after the migrations (hosted services start in registration order).
/// An account named by a link but not yet logged in gets a placeholder row (no token, "needs login") so the link can be
/// stored and shows up in <c>accounts list</c>; <c>accounts add --id NAME</c> logs it in later. The default account is
/// not flagged when <c>Keliweb:Username</c>/<c>Password</c> are configured, since the bot logs it in by itself.
/// </summary>
internal sealed partial class ConfiguredLinksService(
    IOptions<ConfiguredLinksOptions> options,
    IOptions<KeliwebOptions> keliweb,
    AccountStore accounts,
    LinkStore links,
    TimeProvider time,
    ILogger<ConfiguredLinksService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var link in options.Value.Links)
        {
            var isConfiguredDefault = link.Account == KeliwebOptions.DefaultAccountId && keliweb.Value.HasDefaultAccount;
            var created = await accounts.EnsureExistsAsync(
                link.Account,
                isConfiguredDefault ? keliweb.Value.Username! : "",
                isConfiguredDefault ? null : "Named by a configured link; nobody has logged in yet (run: accounts add --id " + link.Account + ").",
                cancellationToken);
            if (created && !isConfiguredDefault)
            {
                LogPlaceholderAccount(link.Account);
            }

            var platform = link.Platform.ToLowerInvariant();
            var stored = await links.UpsertAsync(
                platform, link.TeamId, link.UserId, link.Account, link.ClientId, link.ContactId, Provenance.Configuration(time.GetUtcNow()), cancellationToken);
            LogLinked(stored.Id, platform, link.TeamId, link.UserId ?? "", link.Account);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Configured links use account {AccountId}, which has never logged in: run 'accounts add --id {AccountId} --email ...'")]
    private partial void LogPlaceholderAccount(string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Configured link {LinkId}: {Platform} team {TeamId} user '{UserId}' -> account {AccountId}")]
    private partial void LogLinked(long linkId, string platform, string teamId, string userId, string accountId);
}
