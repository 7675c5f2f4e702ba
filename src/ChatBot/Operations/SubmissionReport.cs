using System.Globalization;
using ChatBot.Tickets;

namespace ChatBot.Operations;

/// <summary>
/// <c>outbox show</c>'s text: one submission, what it was about, and its history. The message body only on request;
/// never the ticket's access key or link, never the reply target (they are secrets or chat-internal ids).
/// </summary>
public static class SubmissionReport
{
    public static void Write(TextWriter writer, Submission s, IReadOnlyList<SubmissionEvent> history, bool withMessage)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(history);
        var draft = s.Draft;
        var requester = draft.Requester;
        Line(writer, "Submission", s.Id);
        Line(writer, "state", s.State + (s.NoticeDue ? " (the user's notice is still to be posted)" : ""));
        Line(writer, "platform", $"{requester.Platform} team {requester.TenantId} user {requester.UserId}" +
            (requester.DisplayName.Length > 0 ? $" ({requester.DisplayName})" : ""));
        Line(writer, "account", s.Guest ? $"{s.AccountId} (guest ticket)"
            : $"{s.AccountId ?? "-"} (client {Number(s.ClientId)}, contact {Number(s.ContactId)})");
        Line(writer, "accepted", Time(s.CreatedAt));
        Line(writer, "updated", Time(s.UpdatedAt));
        Line(writer, "attempts", s.Attempts.ToString(CultureInfo.InvariantCulture) +
            (s.State is SubmissionState.Accepted or SubmissionState.Sending or SubmissionState.Opened || s.NoticeDue ? $", next at {Time(s.NextAttemptAt)}" : ""));
        Line(writer, "ticket", s.Ticket is { } t ? $"#{t.Tid} (Keliweb id {t.TicketId.ToString(CultureInfo.InvariantCulture)})" : "-");
        Line(writer, "subject", draft.Subject.Length > 0 ? draft.Subject : "(purged)");
        Line(writer, "department", $"{draft.DepartmentId.ToString(CultureInfo.InvariantCulture)}, priority {draft.Priority}");
        foreach (var file in s.Progress.Files)
        {
            Line(writer, "file", $"{file.Name}: {file.Status}" + (file.SkipReason != FileSkipReason.None ? $" ({file.SkipReason}{(file.Detail is null ? "" : ": " + file.Detail)})" : ""));
        }

        if (s.Progress.Files.Count == 0 && draft.Files.Count > 0)
        {
            Line(writer, "files", string.Join(", ", draft.Files.Select(f => f.Name)) + " (not fetched yet)");
        }

        Line(writer, "last error", s.LastError ?? "-");
        writer.WriteLine("History:");
        writer.WriteLine($"  {Time(s.CreatedAt)}  Accepted   accepted from {requester.Platform}");
        foreach (var step in history)
        {
            writer.WriteLine($"  {step.AtText}  {step.State,-10} attempt {step.Attempts.ToString(CultureInfo.InvariantCulture)}" + (step.Detail is null ? "" : ": " + step.Detail));
        }

        if (withMessage)
        {
            writer.WriteLine("Message:");
            foreach (var line in (draft.Message.Length > 0 ? draft.Message : "(purged)").Split('\n'))
            {
                writer.WriteLine("  " + line.TrimEnd('\r'));
            }
        }
    }

    private static void Line(TextWriter writer, string label, string value) => writer.WriteLine($"{label + ":",-12} {value}");

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
