namespace ChatBot.Http;

/// <summary>
/// The one way the bot reads an upstream's JSON answer (Keliweb, its token endpoint, the Slack Web API, the Bot
/// Connector and Entra's token endpoint): sent with <see cref="HttpCompletionOption.ResponseHeadersRead"/> so nothing
/// is buffered behind the caller's back, then read up to a byte cap. A declared length past the cap fails before a byte
/// is read; a chunked answer fails one byte past it, and disposing the response drops the connection, so memory stays
/// at the cap whatever the upstream sends. The client's <see cref="HttpClient.Timeout"/> covers the body too (on its
/// own it stops at the headers), so an answer that drips in cannot hold the caller either.
/// </summary>
public static class UpstreamAnswerReader
{
    /// <summary>Plenty for every answer the bot reads but a Slack view: they are a few hundred bytes to a few KB.</summary>
    public const int DefaultMaxBytes = 64 * 1024;

    /// <summary>Sends <paramref name="request"/> and reads its answer whole.</summary>
    /// <exception cref="AnswerTooLargeException">The answer is longer than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="TaskCanceledException">The client's timeout passed, headers or body (as <see cref="HttpClient"/> reports its own).</exception>
    /// <exception cref="HttpRequestException">The request or the answer failed on the wire.</exception>
    public static async Task<UpstreamAnswer> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken, int maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (http.Timeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(http.Timeout);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadBodyAsync(response, maxBytes, timeout.Token);
            return new UpstreamAnswer(response.StatusCode, response.Headers, response.Content.Headers, body);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested && exception is not TaskCanceledException { InnerException: TimeoutException })
        {
            throw new TaskCanceledException($"No whole answer within {http.Timeout}.", new TimeoutException(exception.Message, exception));
        }
    }

    /// <summary>
    /// Reads the body of an answer whose headers the caller already has (e.g. after its own retries on 429), up to the
    /// cap; the caller bounds the time, as <see cref="SendAsync"/> does with the client's timeout.
    /// </summary>
    /// <exception cref="AnswerTooLargeException">The body is longer than <paramref name="maxBytes"/>.</exception>
    public static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var content = response.Content;
        if (content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw new AnswerTooLargeException(maxBytes, response.StatusCode);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        // Sized by the declared length when there is one; otherwise grown as the chunks come, never past the cap.
        var buffer = new byte[(int)Math.Min(content.Headers.ContentLength ?? 1024, maxBytes) + 1];
        var length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (length > maxBytes)
            {
                throw new AnswerTooLargeException(maxBytes, response.StatusCode);
            }

            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxBytes + 1L));
            }
        }

        return buffer.AsMemory(0, length);
    }
}
