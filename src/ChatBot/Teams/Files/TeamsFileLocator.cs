using System.Text.Json;

namespace ChatBot.Teams.Files;

/// <summary>What <see cref="ChatBot.Tickets.FileReference.Locator"/> holds for a Teams file.</summary>
/// <param name="Kind"><see cref="DownloadInfo"/>, <see cref="InlineImage"/> or <see cref="GraphOnly"/>.</param>
public sealed record TeamsFileLocator(string Kind, string Url)
{
    /// <summary>A pre-authenticated SharePoint link: fetched with no token at all.</summary>
    public const string DownloadInfo = "download";

    /// <summary>A pasted image on the connector: fetched with the connector token, only on a connector host.</summary>
    public const string InlineImage = "inline";

    /// <summary>A channel or message-action file only Microsoft Graph can fetch.</summary>
    public const string GraphOnly = "graph";

    public string ToJson() => JsonSerializer.Serialize(this, TeamsJsonContext.Default.TeamsFileLocator);

    public static TeamsFileLocator? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, TeamsJsonContext.Default.TeamsFileLocator);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
