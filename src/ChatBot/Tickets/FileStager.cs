using ChatBot.Keliweb;
using Microsoft.Extensions.Options;

namespace ChatBot.Tickets;

/// <summary>
/// Brings a submission's chat files to local temporary files, streamed and size-capped, and decides up front
/// what Keliweb would drop silently (extensions it does not allow).
/// </summary>
public sealed partial class FileStager(
    IOptionsMonitor<TicketsOptions> tickets,
    IOptionsMonitor<KeliwebOptions> keliweb,
    ILogger<FileStager> logger)
{
    public string FolderFor(string submissionId) =>
        Path.Combine(tickets.CurrentValue.TempPath ?? Path.Combine(Path.GetTempPath(), "chatbot-files"), submissionId);

    /// <summary>Fetches every file of the draft; a crash midway simply means staging again from the start.</summary>
    public Task<List<StagedFile>> StageAsync(string submissionId, TicketDraft draft, IChatChannel channel, CancellationToken cancellationToken) =>
        StageAsync(submissionId, draft.Files, draft.Requester, channel, cancellationToken);

    /// <summary>
    /// Fetches <paramref name="files"/> into the folder of <paramref name="key"/> (a submission, or a chat reply to a
    /// ticket) with the credentials of <paramref name="requester"/>'s installation.
    /// </summary>
    public async Task<List<StagedFile>> StageAsync(
        string key, IReadOnlyList<FileReference> files, Requester requester, IChatChannel channel, CancellationToken cancellationToken)
    {
        var folder = FolderFor(key);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var staged = new List<StagedFile>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            staged.Add(await StageOneAsync(i, files[i], requester, folder, channel, cancellationToken));
        }

        return staged;
    }

    /// <summary>Fetches one file again when its temporary copy is gone (a restart on another machine, a cleaned temp folder).</summary>
    public Task<StagedFile> EnsureOnDiskAsync(string submissionId, StagedFile file, TicketDraft draft, IChatChannel channel, CancellationToken cancellationToken) =>
        EnsureOnDiskAsync(submissionId, file, draft.Files[file.Index], draft.Requester, channel, cancellationToken);

    /// <summary>As above, for a file of <paramref name="key"/>'s own list.</summary>
    public async Task<StagedFile> EnsureOnDiskAsync(
        string key, StagedFile file, FileReference reference, Requester requester, IChatChannel channel, CancellationToken cancellationToken)
    {
        if (file.Path is not null && File.Exists(file.Path))
        {
            return file;
        }

        var folder = FolderFor(key);
        Directory.CreateDirectory(folder);
        var again = await StageOneAsync(file.Index, reference, requester, folder, channel, cancellationToken);
        return again.Status == StagedFileStatus.Ready ? file with { Path = again.Path, Size = again.Size } : again;
    }

    public void Delete(string submissionId)
    {
        var folder = FolderFor(submissionId);
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException ex)
        {
            LogCleanupFailed(ex, submissionId);
        }
    }

    private async Task<StagedFile> StageOneAsync(int index, FileReference reference, Requester requester, string folder, IChatChannel channel, CancellationToken ct)
    {
        var name = string.IsNullOrWhiteSpace(reference.Name) ? $"file{index + 1}" : reference.Name;
        var pending = new StagedFile(index, name, StagedFileStatus.Pending);
        if (reference.UnavailableReason is not null)
        {
            return Skip(pending, FileSkipReason.NotAvailable, reference.UnavailableReason);
        }

        if (index >= tickets.CurrentValue.MaxFiles)
        {
            return Skip(pending, FileSkipReason.TooMany);
        }

        if (!IsExtensionAllowed(name))
        {
            return Skip(pending, FileSkipReason.TypeNotAllowed);
        }

        var max = tickets.CurrentValue.MaxFileBytes;
        if (reference.Size > max)
        {
            return Skip(pending, FileSkipReason.TooLarge) with { Size = reference.Size.Value };
        }

        var path = Path.Combine(folder, $"{index:D2}.bin");
        FileDownloadResult result;
        await using (var destination = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            result = await channel.DownloadAsync(reference, requester, destination, max, ct);
        }

        if (result.Status == FileDownloadStatus.Downloaded)
        {
            return pending with { Status = StagedFileStatus.Ready, Path = path, Size = new FileInfo(path).Length };
        }

        File.Delete(path);
        LogDownloadFailed(index, result.Status, result.Reason);
        return result.Status switch
        {
            FileDownloadStatus.TooLarge => Skip(pending, FileSkipReason.TooLarge),
            FileDownloadStatus.Unavailable => Skip(pending, FileSkipReason.NotAvailable, result.Reason),
            _ => Skip(pending, FileSkipReason.DownloadFailed, result.Reason),
        };
    }

    /// <summary>WHMCS's rule: never a dot-file, and the lower-cased extension must be in the allowed list.</summary>
    public bool IsExtensionAllowed(string name)
    {
        if (name.StartsWith('.'))
        {
            return false;
        }

        var extension = Path.GetExtension(name);
        return extension.Length > 1 && keliweb.CurrentValue.AllowedExtensions.Exists(allowed =>
            string.Equals(allowed.Trim().StartsWith('.') ? allowed.Trim() : "." + allowed.Trim(), extension, StringComparison.OrdinalIgnoreCase));
    }

    private static StagedFile Skip(StagedFile file, FileSkipReason reason, string? detail = null) =>
        file with { Status = StagedFileStatus.Skipped, SkipReason = reason, Detail = detail };

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {Index} not staged: {Status} ({Reason})")]
    private partial void LogDownloadFailed(int index, FileDownloadStatus status, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the temporary files of submission {SubmissionId}")]
    private partial void LogCleanupFailed(Exception exception, string submissionId);
}
