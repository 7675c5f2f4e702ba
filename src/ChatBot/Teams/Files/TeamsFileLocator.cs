using System.Text.Json;

namespace ChatBot.Teams.Files;

/// <summary>What <see cref="ChatBot.Tickets.FileReference.Locator"/> holds for a Teams file.</summary>
/// <param name="Kind"><see cref="DownloadInfo"/>, <see cref="InlineImage"/>, <see cref="GraphFile"/> or <see cref="GraphImage"/>.</param>
/// <param name="Url">The link Teams gave; for <see cref="GraphFile"/> the SharePoint URL Graph's <c>/shares</c> resolves.</param>
/// <param name="Graph">For the Graph kinds: the tenant, the message the file is in and the file's id in it.</param>
public sealed record TeamsFileLocator(string Kind, string Url, Graph.GraphFile? Graph = null)
{
    /// <summary>A pre-authenticated SharePoint link: fetched with no token at all.</summary>
    public const string DownloadInfo = "download";

    /// <summary>A pasted image on the connector: fetched with the connector token, only on a connector host.</summary>
    public const string InlineImage = "inline";

    /// <summary>A channel, group chat or message-action file (a <c>reference</c> attachment): only Microsoft Graph fetches it.</summary>
    public const string GraphFile = "graph-file";

    /// <summary>An image pasted into a channel or chat message: a Graph hosted content, fetched with the Graph token.</summary>
    public const string GraphImage = "graph-image";

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
