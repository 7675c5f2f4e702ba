using System.Net.Http.Headers;
using ChatBot.Http;
using ChatBot.Slack.WebApi;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Files;

/// <summary>
/// Downloads a Slack file: files.info for its private URL and size, then GET with the bot token. Redirects are
/// followed by hand because .NET drops the Authorization header on redirects and we must decide per hop: the token
/// goes only to <see cref="SlackOptions.FileHosts"/> (scheme, host and port, <see cref="Http.HostAllowList"/>), never
/// to a CDN, another port of a listed host, or anyone else. The token is the one of the workspace the file belongs to.
/// </summary>
public sealed partial class SlackFileDownloader(
    HttpClient http, SlackApiClient api, ISlackTokenSource tokens, IOptionsMonitor<SlackOptions> options, ILogger<SlackFileDownloader> logger)
{
    public const string HttpClientName = "slack-files";
    public const int MaxRedirects = 5;

    public async Task<FileDownloadResult> DownloadAsync(SlackWorkspace workspace, FileReference file, Stream destination, long maxBytes, CancellationToken ct)
    {
        var info = await api.GetFileAsync(workspace, file.Locator, ct);
        if (!info.IsOk || info.Value?.File is not { } slackFile)
        {
            return FileDownloadResult.Failed("files.info: " + info.Describe());
        }

        if (slackFile.Size is { } announced && announced > maxBytes)
        {
            return FileDownloadResult.TooLarge(announced);
        }

        var url = slackFile.UrlPrivateDownload ?? slackFile.UrlPrivate;
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return FileDownloadResult.Failed("no download url");
        }

        try
        {
            // Asked again rather than kept from files.info: a rotation may have replaced it meanwhile.
            var token = await tokens.BotTokenAsync(workspace, ct);
            if (token is null)
            {
                return FileDownloadResult.Failed(SlackApiClient.NotInstalled);
            }

            return await FollowAsync(uri, token, slackFile.Size, destination, maxBytes, ct);
        }
        catch (HttpRequestException ex)
        {
            LogDownloadFailed(logger, file.Locator, ex.Message);
            return FileDownloadResult.Failed("network: " + ex.Message);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return FileDownloadResult.Failed("timeout");
        }
        catch (SlackTokenUnavailableException ex)
        {
            return FileDownloadResult.Failed(ex.Message);
        }
    }

    private async Task<FileDownloadResult> FollowAsync(Uri uri, string token, long? expectedSize, Stream destination, long maxBytes, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            if (!SlackOptionsValidator.IsHttpsOrLoopback(uri))
            {
                return FileDownloadResult.Failed("refused url scheme " + uri.Scheme);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (FileHosts(settings).Admits(uri))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (ResponseDownload.IsRedirect(response.StatusCode))
            {
                if (response.Headers.Location is not { } location)
                {
                    return FileDownloadResult.Failed("redirect without location");
                }

                uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                return FileDownloadResult.Failed("http " + (int)response.StatusCode);
            }

            // Without a valid token Slack answers 200 with its HTML login page instead of the file.
            if (response.Content.Headers.ContentType?.MediaType is "text/html")
            {
                return FileDownloadResult.Failed("html page instead of the file (token refused or bot not in the conversation)");
            }

            if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
            {
                return FileDownloadResult.TooLarge(length);
            }

            var copied = await ResponseDownload.CopyCappedAsync(response, destination, maxBytes, ct);
            if (copied > maxBytes)
            {
                return FileDownloadResult.TooLarge(copied);
            }

            return expectedSize is { } size && size != copied
                ? FileDownloadResult.Failed($"size mismatch: expected {size} bytes, got {copied}")
                : FileDownloadResult.Ok(copied);
        }

        return FileDownloadResult.Failed("too many redirects");
    }

    /// <summary>
    /// <see cref="SlackOptions.FileHosts"/> parsed (the entries were checked at start), again only when they change: a
    /// configuration reload brings new options.
    /// </summary>
    private HostAllowList FileHosts(SlackOptions settings)
    {
        var entries = string.Join('\n', settings.FileHosts);
        if (fileHosts is not { } parsed || parsed.Source != entries)
        {
            fileHosts = parsed = new ParsedHosts(entries, HostAllowList.Parse(settings.FileHosts));
        }

        return parsed.List;
    }

    // A reference, swapped whole: downloads run concurrently.
    private ParsedHosts? fileHosts;

    private sealed record ParsedHosts(string Source, HostAllowList List);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack file {FileId} download failed: {Reason}")]
    private static partial void LogDownloadFailed(ILogger logger, string fileId, string reason);
}
