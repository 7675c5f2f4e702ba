using ChatBot.Keliweb;

namespace ChatBot.Sync;

/// <summary>
/// Which replies of a get-ticket answer go to chat: staff replies (<c>admin</c> set) newer than what was handled, never
/// the requester's own messages (the opening one included), never a reply the bot itself added from chat.
/// </summary>
public static class StaffReplySelection
{
    /// <summary>
    /// At the first look: every reply up to the returned id was there before the ticket was announced and is not posted.
    /// With Keliweb's clock unknown, or a reply without a readable date, a reply counts as earlier (nothing old is posted
    /// as new; at worst a reply written in the seconds before the first look stays in Keliweb only). Keliweb's dates
    /// have whole seconds: a reply of the announcement's own second counts as later.
    /// </summary>
    public static long Baseline(IReadOnlyList<KeliwebTicketReply> replies, int? clockOffsetMinutes, DateTimeOffset announcedAt)
    {
        var baseline = -1L;
        foreach (var reply in replies)
        {
            var at = KeliwebClock.ToUtc(reply.Date, clockOffsetMinutes);
            if (at is null || at < announcedAt.AddTicks(-(announcedAt.Ticks % TimeSpan.TicksPerSecond)))
            {
                baseline = Math.Max(baseline, reply.ReplyId);
            }
        }

        return baseline;
    }

    /// <summary>The staff replies after <paramref name="handledUpTo"/>, oldest first, without those <paramref name="isOurs"/> recognizes.</summary>
    public static IReadOnlyList<KeliwebTicketReply> New(IReadOnlyList<KeliwebTicketReply> replies, long handledUpTo, Func<KeliwebTicketReply, bool> isOurs) =>
        [.. replies.Where(r => r.ReplyId > handledUpTo && r.IsStaff && !isOurs(r)).OrderBy(r => r.ReplyId)];
}
