using ChatBot.Linking;
using ChatBot.Tickets;

namespace ChatBot.Sync;

/// <summary>
/// Who may reply to a ticket from its thread: the requester, or someone whose own link (user or workspace, not the
/// operator's default account) resolves to the same Keliweb account and client. A guest ticket is its requester's only:
/// everyone without a link shares the default account, which makes nobody else its owner.
/// </summary>
public sealed class ReplyEntitlement(LinkResolver links)
{
    /// <summary>The client and contact the reply is sent as; null when <paramref name="author"/> may not reply.</summary>
    public async Task<ReplyAs?> CheckAsync(ChatIdentity author, Submission ticket, CancellationToken cancellationToken)
    {
        if (author == ticket.Draft.Requester.Identity)
        {
            return new ReplyAs(ticket.ClientId, ticket.ContactId, ticket.Guest);
        }

        if (ticket.Guest || ticket.AccountId is null)
        {
            return null;
        }

        return await links.ResolveAsync(author, cancellationToken) is AccountResolution.Linked { Scope: not LinkScope.Default } linked
            && linked.AccountId == ticket.AccountId
            && (ticket.ClientId is null || linked.ClientId == ticket.ClientId)
            ? new ReplyAs(ticket.ClientId, ticket.ClientId is null ? null : linked.ContactId, Guest: false)
            : null;
    }
}

/// <summary>How a chat reply goes to Keliweb: as this client and contact, or (a guest ticket) with the requester's name and email.</summary>
public sealed record ReplyAs(int? ClientId, int? ContactId, bool Guest);
