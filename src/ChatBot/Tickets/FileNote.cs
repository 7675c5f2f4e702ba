using System.Text;

namespace ChatBot.Tickets;

/// <summary>
/// Which chat files did not make it and why, in the requester's words: the same lines end the result the requester
/// sees and the ticket's own message, so whoever answers the ticket knows a file is missing (and, for Teams, where it
/// still is). In the ticket it is bounded to <see cref="MaxBytes"/>, so open-ticket's budget reserves room for it before
/// the files are planned (<see cref="Reserved"/>).
/// </summary>
public static class FileNote
{
    public const int MaxBytes = 2048;

    /// <summary>Stands in for the note while the request's budget is computed: never shorter than a real one.</summary>
    public static readonly string Reserved = "\n\n---\n" + new string('x', MaxBytes);

    /// <summary>"a.pdf, b.pdf (too large); c.png (reason)": files that share a reason share it; empty when none was skipped.</summary>
    public static string Skipped(IEnumerable<StagedFile> files, TicketTexts t) =>
        string.Join("; ", files.Where(f => f.Status == StagedFileStatus.Skipped)
            .GroupBy(f => Why(f, t))
            .Select(g => string.Join(", ", g.Select(f => f.Name)) + " (" + g.Key + ")"));

    /// <summary>The end of the ticket's message: a separator and the skipped files, or nothing.</summary>
    public static string ForTicket(IEnumerable<StagedFile> files, TicketTexts t)
    {
        var skipped = Skipped(files, t);
        if (skipped.Length == 0)
        {
            return "";
        }

        var note = "\n\n---\n" + t.NotAttachedFiles + ": " + skipped + ".";
        if (Encoding.UTF8.GetByteCount(note) <= MaxBytes)
        {
            return note;
        }

        // Cut on a character, never inside a surrogate pair, and say it was cut.
        var end = note.Length;
        while (end > 0 && Encoding.UTF8.GetByteCount(note.AsSpan(0, end)) > MaxBytes - 3)
        {
            end--;
        }

        if (end > 0 && char.IsHighSurrogate(note[end - 1]))
        {
            end--;
        }

        return note[..end] + "…";
    }

    /// <summary>The platform's own words when it said why a file is unavailable (already localized), else the pipeline's.</summary>
    private static string Why(StagedFile file, TicketTexts t) =>
        file.SkipReason == FileSkipReason.NotAvailable && !string.IsNullOrWhiteSpace(file.Detail) ? file.Detail.TrimEnd('.') : t.SkipReason(file.SkipReason);
}
