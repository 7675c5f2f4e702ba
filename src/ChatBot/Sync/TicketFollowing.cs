using System.Data.Common;
using ChatBot.Tickets;

namespace ChatBot.Sync;

/// <summary>
/// The sync's part of an announcement: the ticket is followed from the moment it is announced, in the same transaction,
/// with the threads where its people will write (known from where the announcement landed).
/// </summary>
public sealed class TicketFollowing(FollowedTicketStore store, TicketThreadChannels channels) : IAnnouncedTicketWriter
{
    public Task WriteAsync(DbConnection connection, DbTransaction transaction, AnnouncedTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.Submission.AccountId is null)
        {
            // Nothing to read it with.
            return Task.CompletedTask;
        }

        var keys = ticket.Announcement is { } location && channels.Find(ticket.Submission.Draft.Requester.Platform) is { } threads
            ? threads.ThreadKeys(location)
            : [];
        return store.EnrollAsync(connection, transaction, ticket, keys, cancellationToken);
    }
}
