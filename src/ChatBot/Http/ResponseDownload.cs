using System.Net;

namespace ChatBot.Http;

/// <summary>The two steps every file download takes by hand: spotting a redirect to follow hop by hop, and a capped copy.</summary>
public static class ResponseDownload
{
    public static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>
    /// Streams the body into <paramref name="destination"/> until its end or one byte past <paramref name="maxBytes"/>,
    /// whichever comes first: a result above the cap means the file is too large (and was not copied whole).
    /// </summary>
    public static async Task<long> CopyCappedAsync(HttpResponseMessage response, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(destination);
        await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                return total;
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return total;
    }
}
