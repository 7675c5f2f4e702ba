using System.Text;
using ChatBot.Tickets;

namespace ChatBot.Tests.Tickets;

/// <summary>The note on files not attached: grouped by reason, the platform's words where it gave them, bounded for the ticket.</summary>
public sealed class FileNoteTests
{
    [Fact]
    public void SkippedFiles_ShareTheirReason_AndAPlatformsOwnWordsWin()
    {
        var files = new[]
        {
            new StagedFile(0, "a.exe", StagedFileStatus.Skipped, SkipReason: FileSkipReason.TypeNotAllowed),
            new StagedFile(1, "ok.pdf", StagedFileStatus.Attached),
            new StagedFile(2, "b.exe", StagedFileStatus.Skipped, SkipReason: FileSkipReason.TypeNotAllowed),
            new StagedFile(3, "c.txt", StagedFileStatus.Skipped, SkipReason: FileSkipReason.NotAvailable, Detail: "gone from Teams (404); it is still in the message: https://t/1."),
        };

        Assert.Equal("a.exe, b.exe (file type not allowed); c.txt (gone from Teams (404); it is still in the message: https://t/1)", FileNote.Skipped(files, TicketTexts.English));
        Assert.Equal("\n\n---\nNon allegati: a.exe, b.exe (tipo di file non consentito); c.txt (gone from Teams (404); it is still in the message: https://t/1).", FileNote.ForTicket(files, TicketTexts.Italian));
        Assert.Equal("", FileNote.ForTicket([files[1]], TicketTexts.English));
    }

    [Fact]
    public void ForTheTicket_ANoteNeverOutgrowsWhatTheBudgetReserved()
    {
        var many = Enumerable.Range(0, 200).Select(i => new StagedFile(i, $"файл-{i}-😀.txt", StagedFileStatus.Skipped, SkipReason: FileSkipReason.TooLarge)).ToList();

        var note = FileNote.ForTicket(many, TicketTexts.English);

        Assert.True(Encoding.UTF8.GetByteCount(note) <= FileNote.MaxBytes);
        Assert.True(Encoding.UTF8.GetByteCount(note) <= Encoding.UTF8.GetByteCount(FileNote.Reserved));
        Assert.EndsWith("…", note, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(note[^2]));
    }
}
