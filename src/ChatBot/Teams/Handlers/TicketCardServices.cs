using ChatBot.Tickets;
using ChatBot.Tickets.Services;

namespace ChatBot.Teams.Handlers;

/// <summary>
/// The service field of a Teams ticket card, filled when the card is built. Teams gives an invoke about five seconds
/// and a card posted after the 200 has no deadline, but nobody should wait long for a form: Keliweb gets
/// <see cref="Budget"/>, then the card goes without the services (and says so).
/// </summary>
public sealed class TicketCardServices(ServiceChoices choices)
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public Task<ServiceField?> ForAsync(Requester requester, CancellationToken cancellationToken) =>
        choices.ForAsync(requester.Identity, Budget, cancellationToken);
}
