using ChatBot.Keliweb;

namespace ChatBot.Tickets;

/// <summary>
/// Fits ready files into Keliweb's request budget: as many as fit go with open-ticket, the rest are packed into
/// add-ticket-reply calls, and a file that cannot fit even alone is skipped as too large.
/// </summary>
public static class AttachmentPlanner
{
    /// <param name="files">The staged files; only <see cref="StagedFileStatus.Ready"/> ones are planned.</param>
    /// <param name="openBudget">Bytes left for the attachments field of open-ticket.</param>
    /// <param name="replyBudget">Bytes left for the attachments field of each reply.</param>
    public static List<StagedFile> Plan(IReadOnlyList<StagedFile> files, long openBudget, long replyBudget)
    {
        var planned = new List<StagedFile>(files.Count);
        var inOpen = new List<(string, long)>();
        var inReply = new List<(string, long)>();
        var reply = 0;
        foreach (var file in files)
        {
            if (file.Status != StagedFileStatus.Ready)
            {
                planned.Add(file);
                continue;
            }

            var alone = AttachmentEncoding.EncodedLength([(file.Name, file.Size)]);
            if (alone > replyBudget && alone > openBudget)
            {
                planned.Add(file with { Status = StagedFileStatus.Skipped, SkipReason = FileSkipReason.TooLarge });
                continue;
            }

            // Files keep their order; once one spills into replies, later ones follow, so attachments read in order.
            if (reply == 0 && AttachmentEncoding.EncodedLength([.. inOpen, (file.Name, file.Size)]) <= openBudget)
            {
                inOpen.Add((file.Name, file.Size));
                planned.Add(file);
                continue;
            }

            if (reply == 0 || AttachmentEncoding.EncodedLength([.. inReply, (file.Name, file.Size)]) > replyBudget)
            {
                reply++;
                inReply.Clear();
            }

            inReply.Add((file.Name, file.Size));
            planned.Add(file with { Status = StagedFileStatus.Deferred, Reply = reply });
        }

        return planned;
    }
}
