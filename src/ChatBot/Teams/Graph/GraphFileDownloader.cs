using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Graph;

/// <summary>
/// Fetches one file Teams keeps behind Microsoft Graph: the message it is in is read first (so only a file that is
/// still in that message is fetched, from the link Graph itself gives), then a <c>reference</c> is downloaded through
/// <c>/shares/u!{base64url(url)}/driveItem/content</c> and a pasted image as the message's hosted content
/// (<c>…/hostedContents/{id}/$value</c>). Where it cannot be had (Graph off, another tenant, 403, 404, busy) the result
/// says why in the requester's language, with the link to the message; remote failures never throw.
/// </summary>
public sealed partial class GraphFileDownloader(
    GraphClient graph, GraphMessageReader messages, GraphTokenProvider tokens, IOptions<TeamsOptions> options, ILogger<GraphFileDownloader> logger)
{
    /// <param name="hostedImage">A pasted image (hosted content) rather than a <c>reference</c> attachment.</param>
    /// <param name="contentUrl">The reference's SharePoint URL as Teams gave it, used when the message cannot be read first.</param>
    public async Task<FileDownloadResult> DownloadAsync(
        bool hostedImage, string contentUrl, GraphFile file, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        var texts = GraphTexts.For(file.Locale);
        var link = file.Message?.Link;
        if (!options.Value.GraphEnabled)
        {
            return FileDownloadResult.Unavailable(texts.WithLink(texts.Off, link));
        }

        if (tokens.TokenEndpointFor(file.TenantId) is null)
        {
            return FileDownloadResult.Unavailable(texts.WithLink(texts.OtherTenant, link));
        }

        try
        {
            var path = await PathAsync(hostedImage, contentUrl, file, cancellationToken);
            if (path.Failure is { } unreadable)
            {
                return Report(unreadable, texts, link);
            }

            var call = await graph.DownloadAsync(file.TenantId, path.Value!, destination, maxBytes, cancellationToken);
            return call.Succeeded ? FileDownloadResult.Ok(call.Value) : Report(call.Failure!, texts, link);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogDownloadFailed(logger, ex.GetType().Name);
            return FileDownloadResult.Failed("Microsoft Graph: " + ex.GetType().Name);
        }
    }

    /// <summary>Where under Graph the file's bytes are, once the message says the file is still in it.</summary>
    private async Task<GraphCall<string>> PathAsync(bool hostedImage, string contentUrl, GraphFile file, CancellationToken cancellationToken)
    {
        if (file.Message is not { } location)
        {
            return hostedImage || contentUrl.Length == 0
                ? GraphCall.Failed<string>(new GraphFailure(GraphFailureKind.NotAddressable, 0, "not addressable"))
                : GraphCall.Ok(SharePath(contentUrl));
        }

        var read = await messages.ReadAsync(location, cancellationToken);
        if (!read.Succeeded)
        {
            return GraphCall.Failed<string>(read.Failure!);
        }

        var message = read.Value!;
        if (message.DeletedDateTime is not null)
        {
            return Gone();
        }

        if (hostedImage)
        {
            return file.ItemId is { } id && GraphHtml.HostedContentIds(message.Body?.Content).Contains(id, StringComparer.Ordinal)
                ? GraphCall.Ok(location.Path + "/hostedContents/" + id + "/$value")
                : Gone();
        }

        var attachment = (message.Attachments ?? []).OfType<GraphChatMessageAttachment>().FirstOrDefault(a =>
            string.Equals(a.ContentType, "reference", StringComparison.OrdinalIgnoreCase) && a.ContentUrl is { Length: > 0 }
            && ((file.ItemId is { Length: > 0 } id && a.Id == id) || string.Equals(a.ContentUrl, contentUrl, StringComparison.OrdinalIgnoreCase)));
        return attachment is null ? Gone() : GraphCall.Ok(SharePath(attachment.ContentUrl!));

        static GraphCall<string> Gone() => GraphCall.Failed<string>(new GraphFailure(GraphFailureKind.Gone, 404, "no longer in the message"));
    }

    /// <summary>Graph's share id for a URL: <c>u!</c> and the URL in unpadded base64url.</summary>
    public static string SharePath(string url) =>
        "shares/u!" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(url)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "/driveItem/content";

    private FileDownloadResult Report(GraphFailure failure, GraphTexts texts, string? link)
    {
        LogNotFetched(logger, failure.Kind, failure.Status);
        return failure.Kind switch
        {
            GraphFailureKind.TooLarge => FileDownloadResult.TooLarge(failure.Bytes),
            GraphFailureKind.Forbidden => FileDownloadResult.Unavailable(texts.WithLink(texts.Forbidden, link)),
            GraphFailureKind.Gone => FileDownloadResult.Unavailable(texts.WithLink(texts.Gone, link)),
            GraphFailureKind.Busy => FileDownloadResult.Unavailable(texts.WithLink(texts.Busy, link)),
            GraphFailureKind.NoToken => FileDownloadResult.Failed("no Microsoft Graph token"),
            GraphFailureKind.NotAddressable => FileDownloadResult.Unavailable(texts.WithLink(texts.NotAddressable, link)),
            _ => FileDownloadResult.Unavailable(texts.WithLink(texts.Format(texts.Failed, failure.Status == 0 ? failure.Reason : failure.Status), link)),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Teams file was not fetched through Microsoft Graph: {Kind} ({Status})")]
    private static partial void LogNotFetched(ILogger logger, GraphFailureKind kind, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Microsoft Graph download broke off: {Kind}")]
    private static partial void LogDownloadFailed(ILogger logger, string kind);
}
