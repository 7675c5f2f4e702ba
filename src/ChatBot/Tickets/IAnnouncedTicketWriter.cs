using System.Data.Common;

namespace ChatBot.Tickets;

/// <summary>
/// What must be stored together with a ticket's announcement, in the same transaction: the sync starts following the
/// ticket there, so no announced ticket goes unfollowed and none is followed twice, whatever crashes when.
/// </summary>
public interface IAnnouncedTicketWriter
{
    Task WriteAsync(DbConnection connection, DbTransaction transaction, AnnouncedTicket ticket, CancellationToken cancellationToken);
}

/// <summary>A submission whose ticket was just announced.</summary>
/// <param name="Announcement">Where the announcing message is (<see cref="PostResult.Location"/>), when the channel said.</param>
/// <param name="At">When it was announced.</param>
public sealed record AnnouncedTicket(Submission Submission, OpenedTicketInfo Ticket, string? Announcement, DateTimeOffset At);
