using ChatBot.Linking;
using Microsoft.Extensions.Options;

namespace ChatBot.Tickets;

/// <summary>
/// Which account opens a requester's ticket, and as whom: their link (user, workspace or the operator's default
/// account), or, when guests are allowed and they have no link of their own, a guest ticket with the default account
/// (name and verified email instead of the default client's name).
/// </summary>
public sealed class TicketAccounts(LinkResolver links, IOptionsMonitor<TicketsOptions> tickets)
{
    /// <summary>Null when nothing serves the requester: no link, no default account, or a guest without name and email.</summary>
    public async Task<TicketAccount?> ResolveAsync(Requester requester, CancellationToken cancellationToken) =>
        await ResolveAsync(requester.Identity, cancellationToken) switch
        {
            // WHMCS needs both for a non-client ticket ("Name and email address are required if not a client").
            { Guest: true } when string.IsNullOrWhiteSpace(requester.Email) || string.IsNullOrWhiteSpace(requester.DisplayName) => null,
            var account => account,
        };

    /// <summary>The account an identity's tickets go to, guest or not, before a guest's name and email are looked at.</summary>
    public async Task<TicketAccount?> ResolveAsync(ChatIdentity identity, CancellationToken cancellationToken) =>
        await links.ResolveAsync(identity, cancellationToken) switch
        {
            AccountResolution.Linked { Scope: LinkScope.Default } fallback when tickets.CurrentValue.AllowGuests =>
                new TicketAccount(fallback.AccountId, null, null, Guest: true, LinkScope.Default),
            AccountResolution.Linked linked => new TicketAccount(linked.AccountId, linked.ClientId, linked.ContactId, Guest: false, linked.Scope),
            _ => null,
        };
}

/// <summary>The account a submission is sent with; <see cref="Scope"/> says which link chose it.</summary>
public sealed record TicketAccount(string AccountId, int? ClientId, int? ContactId, bool Guest, LinkScope Scope);
