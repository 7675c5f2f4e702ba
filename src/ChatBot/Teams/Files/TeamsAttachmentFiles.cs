using System.Text.Json;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Cards;
using ChatBot.Tickets;

namespace ChatBot.Teams.Files;

/// <summary>
/// Turns what Teams attached to a message into file references. Personal chats carry
/// <c>file.download.info</c> attachments (with <c>supportsFiles</c>); channels and message actions only carry
/// references that need Microsoft Graph, which go in as unavailable so the ticket says they were not attached.
/// Null elements are skipped and URLs are only parsed with <see cref="Uri.TryCreate(string?, UriKind, out Uri?)"/>;
/// a download info without its link is a malformed payload (<see cref="JsonException"/>, the endpoint's 400).
/// </summary>
public static class TeamsAttachmentFiles
{
    public const string FileDownloadInfoType = "application/vnd.microsoft.teams.file.download.info";

    private const string DefaultName = "file";

    public static IReadOnlyList<FileReference> FromActivity(TeamsActivity activity)
    {
        var files = new List<FileReference>();
        var index = 0;
        foreach (var attachment in activity.Attachments ?? [])
        {
            index++;
            if (attachment is null)
            {
                continue;
            }

            if (string.Equals(attachment.ContentType, FileDownloadInfoType, StringComparison.OrdinalIgnoreCase))
            {
                var info = attachment.Content is { ValueKind: JsonValueKind.Object } content
                    ? content.Deserialize(TeamsJsonContext.Default.FileDownloadInfo)
                    : null;
                var url = info?.DownloadUrl ?? throw new JsonException("A file.download.info attachment without its content.");
                files.Add(new FileReference(attachment.Name ?? DefaultName, null, new TeamsFileLocator(TeamsFileLocator.DownloadInfo, url).ToJson()));
            }
            else if (attachment.ContentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true && attachment.ContentUrl is { Length: > 0 } imageUrl)
            {
                var subtype = attachment.ContentType["image/".Length..];
                var extension = subtype.Length is > 0 and <= 10 && subtype.All(char.IsAsciiLetterOrDigit) ? subtype : "png";
                var name = attachment.Name ?? $"image-{index}.{extension}";
                files.Add(new FileReference(name, null, new TeamsFileLocator(TeamsFileLocator.InlineImage, imageUrl).ToJson()));
            }
            else if (string.Equals(attachment.ContentType, "reference", StringComparison.OrdinalIgnoreCase) && attachment.ContentUrl is { Length: > 0 } referenceUrl)
            {
                files.Add(GraphOnly(attachment.Name, referenceUrl, TeamsTexts.For(activity.Locale)));
            }
        }

        return files;
    }

    /// <summary>The files of the message a message action was started on: references only Graph can read.</summary>
    public static IReadOnlyList<FileReference> FromMessagePayload(MessagePayload? message, TeamsTexts texts) =>
        (message?.Attachments ?? [])
            .OfType<MessagePayloadAttachment>()
            .Where(a => string.Equals(a.ContentType, "reference", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(a.ContentUrl))
            .Select(a => GraphOnly(a.Name, a.ContentUrl!, texts))
            .ToList();

    private static FileReference GraphOnly(string? name, string url, TeamsTexts texts) =>
        new(name ?? NameFromUrl(url), null, new TeamsFileLocator(TeamsFileLocator.GraphOnly, url).ToJson(), texts.FileNeedsGraph);

    private static string NameFromUrl(string url)
    {
        var last = Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? Path.GetFileName(Uri.UnescapeDataString(parsed.AbsolutePath)) : Path.GetFileName(url);
        return last.Length > 0 ? last : DefaultName;
    }
}
