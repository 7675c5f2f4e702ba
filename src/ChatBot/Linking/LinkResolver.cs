using ChatBot.Keliweb;
using ChatBot.Storage;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Linking;

/// <summary>
/// Which account opens tickets for a requester: their user link, then their workspace link, then the operator's
/// default account. When guests are allowed, a requester without a link of their own opens a guest ticket
/// (name and verified email) with the default account instead of a ticket in the default client's name.
/// </summary>
public sealed class LinkResolver(
    LinkStore links,
    Database database,
    IOptionsMonitor<KeliwebOptions> keliweb,
    IOptionsMonitor<TicketsOptions> tickets)
{
    public async Task<AccountResolution> ResolveAsync(Requester requester, CancellationToken cancellationToken)
    {
        var found = await links.FindAsync(requester.Platform, requester.TenantId, requester.UserId, cancellationToken);
        if (found is [var best, ..])
        {
            return new AccountResolution.Linked(best.AccountId, best.ClientId, best.ContactId, best.IsWorkspaceLink ? LinkScope.Workspace : LinkScope.User);
        }

        if (!await HasDefaultAccountAsync(cancellationToken))
        {
            return new AccountResolution.NotLinked();
        }

        if (tickets.CurrentValue.AllowGuests)
        {
            // WHMCS needs both for a non-client ticket ("Name and email address are required if not a client").
            return string.IsNullOrWhiteSpace(requester.Email) || string.IsNullOrWhiteSpace(requester.DisplayName)
                ? new AccountResolution.NotLinked()
                : new AccountResolution.Guest(KeliwebOptions.DefaultAccountId);
        }

        return new AccountResolution.Linked(KeliwebOptions.DefaultAccountId, null, null, LinkScope.Default);
    }

    private async Task<bool> HasDefaultAccountAsync(CancellationToken cancellationToken)
    {
        if (keliweb.CurrentValue.HasDefaultAccount)
        {
            return true;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ScalarAsync(
            new SqlStatement("SELECT 1 FROM accounts WHERE id = @id").With("id", KeliwebOptions.DefaultAccountId), cancellationToken) is not null;
    }
}
