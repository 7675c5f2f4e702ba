using ChatBot.Tickets;

namespace ChatBot.Sync.Commands;

/// <summary>One ticket in a sentence: "#516757 “Subject”: Answered, updated 28 Nov 2026 14:05 UTC".</summary>
public static class TicketLine
{
    public static string Describe(string tid, Submission submission, FollowedTicket? follow, SyncTexts texts, string? liveStatus = null)
    {
        var subject = submission.Draft.Subject.Length == 0 ? texts.Untitled : $"“{submission.Draft.Subject}”";
        var status = (liveStatus ?? follow?.Status) is { } known ? texts.Status(known) : texts.StatusUnknown;
        var updated = follow?.LastUpdateAt ?? follow?.LastActivityAt ?? submission.UpdatedAt;
        return $"#{tid} {subject}: {status}, {texts.Updated(texts.When(updated))}";
    }
}
