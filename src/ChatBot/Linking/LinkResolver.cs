using ChatBot.Keliweb;
using ChatBot.Storage;
using Microsoft.Extensions.Options;

namespace ChatBot.Linking;

/// <summary>
/// Which account serves a chat identity: their user link, then their workspace link, then the operator's default
/// account. What a ticket does without a link of its own (a guest ticket) is the ticket pipeline's rule, not this one's.
/// </summary>
public sealed class LinkResolver(LinkStore links, Database database, IOptionsMonitor<KeliwebOptions> keliweb)
{
    public async Task<AccountResolution> ResolveAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        var found = await links.FindAsync(identity.Platform, identity.TeamId, identity.UserId, cancellationToken);
        if (found is [var best, ..])
        {
            return new AccountResolution.Linked(best.AccountId, best.ClientId, best.ContactId, best.IsWorkspaceLink ? LinkScope.Workspace : LinkScope.User);
        }

        return await HasDefaultAccountAsync(cancellationToken)
            ? new AccountResolution.Linked(KeliwebOptions.DefaultAccountId, null, null, LinkScope.Default)
            : new AccountResolution.NotLinked();
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
