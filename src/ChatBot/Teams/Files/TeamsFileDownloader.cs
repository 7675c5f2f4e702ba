using System.Net;
using System.Net.Http.Headers;
using ChatBot.Http;
using ChatBot.Teams.Authentication;
using ChatBot.Teams.Connector;
using ChatBot.Teams.Graph;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Files;

/// <summary>
/// Streams a Teams file with a size cap. Every URL, and every redirect's, is fetched only from
/// <see cref="TeamsOptions.FileHosts"/> and without a token (<c>file.download.info</c> links are pre-authenticated), or,
/// for an inline image, from a trusted connector host with the connector token. Redirects are followed by hand so
/// each hop is checked. Files only Microsoft Graph gives go to <see cref="GraphFileDownloader"/>. Remote failures are
/// reported, never thrown.
/// </summary>
public sealed partial class TeamsFileDownloader(
    IHttpClientFactory httpClientFactory,
    ConnectorTokenProvider tokens,
    TrustedServiceUrls trust,
    GraphFileDownloader graph,
    IOptions<TeamsOptions> options,
    ILogger<TeamsFileDownloader> logger)
{
    public const string HttpClientName = "Teams.Files";

    public const int MaxRedirects = 5;

    private readonly HostAllowList fileHosts = HostAllowList.Parse(options.Value.FileHosts);

    public async Task<FileDownloadResult> DownloadAsync(FileReference file, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        if (file.UnavailableReason is { } unavailable)
        {
            return FileDownloadResult.Failed(unavailable);
        }

        var locator = TeamsFileLocator.Parse(file.Locator);
        if (locator is { Kind: TeamsFileLocator.GraphFile or TeamsFileLocator.GraphImage, Graph: { } graphFile })
        {
            return await graph.DownloadAsync(locator.Kind == TeamsFileLocator.GraphImage, locator.Url, graphFile, destination, maxBytes, cancellationToken);
        }

        if (locator is not { Kind: TeamsFileLocator.DownloadInfo or TeamsFileLocator.InlineImage } || !Uri.TryCreate(locator.Url, UriKind.Absolute, out var url))
        {
            return FileDownloadResult.Failed("unknown file locator");
        }

        try
        {
            return await FollowAsync(locator.Kind, url, destination, maxBytes, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return FileDownloadResult.Failed(ex.Message);
        }
        catch (IOException ex)
        {
            return FileDownloadResult.Failed(ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FileDownloadResult.Failed("download timed out");
        }
    }

    private async Task<FileDownloadResult> FollowAsync(string kind, Uri url, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            // Sending a token to a pre-authenticated link would leak it to SharePoint; only an inline image on the connector gets one.
            if (kind == TeamsFileLocator.InlineImage && trust.IsTrusted(url))
            {
                if (await tokens.GetTokenAsync(cancellationToken) is { } token)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }
            }
            else if (!fileHosts.Admits(url))
            {
                LogHostRefused(logger, kind, hop);
                return FileDownloadResult.Failed(hop == 0 ? "the file is not on a host in Teams:FileHosts" : "the download redirected to a host not in Teams:FileHosts");
            }

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (ResponseDownload.IsRedirect(response.StatusCode))
            {
                if (response.Headers.Location is not { } location || !Uri.TryCreate(url, location, out var next))
                {
                    return FileDownloadResult.Failed("redirect without a usable location");
                }

                url = next;
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                return FileDownloadResult.Failed($"download answered {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
            {
                return FileDownloadResult.TooLarge(length);
            }

            var copied = await ResponseDownload.CopyCappedAsync(response, destination, maxBytes, cancellationToken);
            return copied > maxBytes ? FileDownloadResult.TooLarge(copied) : FileDownloadResult.Ok(copied);
        }

        return FileDownloadResult.Failed("too many redirects");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams {Kind} file refused at hop {Hop}: its host is neither in Teams:FileHosts nor a trusted connector host")]
    private static partial void LogHostRefused(ILogger logger, string kind, int hop);
}
