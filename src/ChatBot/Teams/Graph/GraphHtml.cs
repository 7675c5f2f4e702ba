using System.Text.RegularExpressions;

namespace ChatBot.Teams.Graph;

/// <summary>
/// Pasted images in a message's HTML body: <c>&lt;img src="https://graph.microsoft.com/v1.0/…/hostedContents/{id}/$value"&gt;</c>.
/// Only the id is taken (base64url-like, one path segment, never dots): the bot builds the URL itself, under its own
/// Graph base URL, so a body cannot send the Graph token anywhere.
/// </summary>
public static partial class GraphHtml
{
    private const int MaxImages = 50;

    public static IReadOnlyList<string> HostedContentIds(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return [];
        }

        var ids = new List<string>();
        foreach (Match match in HostedContent().Matches(html))
        {
            var id = match.Groups["id"].Value;
            if (!ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }

            if (ids.Count == MaxImages)
            {
                break;
            }
        }

        return ids;
    }

    [GeneratedRegex(@"/hostedContents/(?<id>[A-Za-z0-9_\-=%]{1,1000})/\$value", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HostedContent();
}
