using System.Text.Json;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Graph;
using ChatBot.Tickets;

namespace ChatBot.Teams.Files;

/// <summary>
/// Turns what Teams attached to a message into file references. Personal chats carry
/// <c>file.download.info</c> attachments (with <c>supportsFiles</c>) and pasted images on the connector; a
/// <c>reference</c> (a file on SharePoint or OneDrive) is for Microsoft Graph, like every file of a channel or group
/// chat message (<see cref="TeamsMessageFiles"/>). Null elements are skipped and URLs are only parsed with
/// <see cref="Uri.TryCreate(string?, UriKind, out Uri?)"/>; a download info without its link is a malformed payload
/// (<see cref="JsonException"/>, the endpoint's 400).
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
                // Graph fetches it from the message it came with; whether Graph may is decided when it is fetched.
                var file = new GraphFile(activity.TenantId, activity.Locale ?? TeamsRequester.DefaultLocale, GraphMessageLocation.ForActivity(activity), null);
                files.Add(new FileReference(attachment.Name ?? NameFromUrl(referenceUrl), null, new TeamsFileLocator(TeamsFileLocator.GraphFile, referenceUrl, file).ToJson()));
            }
        }

        return files;
    }

    /// <summary>The last segment of a file's URL, for a reference that came without a name.</summary>
    public static string NameFromUrl(string url)
    {
        var last = Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? Path.GetFileName(Uri.UnescapeDataString(parsed.AbsolutePath)) : Path.GetFileName(url);
        return last.Length > 0 ? last : DefaultName;
    }
}
