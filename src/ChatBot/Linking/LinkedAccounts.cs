using ChatBot.Storage;

namespace ChatBot.Linking;

/// <summary>What serves a chat identity, said the way a person understands it: which account (by email), through which link, and whether its login still works.</summary>
public sealed class LinkedAccounts(LinkResolver resolver, AccountStore accounts)
{
    /// <summary>Null when nothing serves them.</summary>
    public async Task<LinkedAccount?> FindAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        if (await resolver.ResolveAsync(identity, cancellationToken) is not AccountResolution.Linked linked)
        {
            return null;
        }

        var account = await accounts.GetAsync(linked.AccountId, cancellationToken);
        var email = account is { Email.Length: > 0 } ? account.Email : linked.AccountId;
        return new LinkedAccount(linked.AccountId, email, linked.Scope, account?.NeedsLogin ?? false);
    }
}

/// <param name="Email">The account's login email; its id when no email is known.</param>
public sealed record LinkedAccount(string AccountId, string Email, LinkScope Scope, bool NeedsLogin);
