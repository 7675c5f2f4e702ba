namespace ChatBot.Keliweb;

/// <summary>
/// Keliweb APIv2 as the pipeline needs it: open-ticket, add-ticket-reply, get-ticket, on behalf of one account.
/// Never retries a request that may have been received (the API has no idempotency key).
/// </summary>
public sealed class KeliwebClient
{
    // Implemented by the foundation work (issue 2); signatures are the contract the pipeline codes against.
    public Task<KeliwebResult<OpenedTicket>> OpenTicketAsync(string accountId, OpenTicketRequest request, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<KeliwebResult<TicketReplyAdded>> AddTicketReplyAsync(string accountId, AddTicketReplyRequest request, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<KeliwebResult<KeliwebTicket>> GetTicketAsync(string accountId, int? ticketId, string? ticketNumber, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
