namespace ChatBot.Tickets.Services;

/// <summary>
/// Whose services a form offers: the Keliweb account that opens the ticket and, when the link names one, the client
/// it opens it for (a reseller's account serves several). The cache is keyed by both, so no one sees another's list.
/// </summary>
public readonly record struct ServiceOwner(string AccountId, int? ClientId)
{
    /// <summary>Null for a guest ticket (no client, so no services) or when nothing serves the requester.</summary>
    public static ServiceOwner? Of(TicketAccount? account) =>
        account is { Guest: false } a ? new ServiceOwner(a.AccountId, a.ClientId) : null;
}
