using System.Net.Http.Headers;
using ChatBot.Teams.Authentication;
using ChatBot.Teams.Connector;
using ChatBot.Tickets;

namespace ChatBot.Teams.Files;

/// <summary>
/// Streams a Teams file with a size cap. <c>file.download.info</c> URLs are pre-authenticated and get no token;
/// inline images get the connector token only on a connector host. Remote failures are reported, never thrown.
/// </summary>
public sealed partial class TeamsFileDownloader(
    IHttpClientFactory httpClientFactory, ConnectorTokenProvider tokens, TrustedServiceUrls trust, ILogger<TeamsFileDownloader> logger)
{
    public const string HttpClientName = "Teams.Files";

    private const int BufferSize = 81920;

    public async Task<FileDownloadResult> DownloadAsync(FileReference file, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        if (file.UnavailableReason is { } unavailable)
        {
            return FileDownloadResult.Failed(unavailable);
        }

        if (TeamsFileLocator.Parse(file.Locator) is not { } locator || !Uri.TryCreate(locator.Url, UriKind.Absolute, out var url))
        {
            return FileDownloadResult.Failed("unknown file locator");
        }

        if (!LoopbackUrl.IsAllowed(url))
        {
            return FileDownloadResult.Failed("only https downloads are allowed");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        switch (locator.Kind)
        {
            case TeamsFileLocator.DownloadInfo:
                break; // pre-authenticated: sending a token here would leak it to SharePoint
            case TeamsFileLocator.InlineImage when trust.IsTrusted(url):
                if (await tokens.GetTokenAsync(cancellationToken) is { } token)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                break;
            case TeamsFileLocator.InlineImage:
                LogUntrustedImageHost(logger);
                return FileDownloadResult.Failed("the image is not on a Teams connector host");
            default:
                return FileDownloadResult.Failed("this file needs Microsoft Graph");
        }

        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return FileDownloadResult.Failed($"download answered {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
            {
                return FileDownloadResult.TooLarge(length);
            }

            await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[BufferSize];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    return FileDownloadResult.TooLarge(total);
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            return FileDownloadResult.Ok(total);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inline image refused: its host is not a Teams connector host")]
    private static partial void LogUntrustedImageHost(ILogger logger);
}
