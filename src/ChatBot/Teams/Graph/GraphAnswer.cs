using System.Net;
using System.Text;

namespace ChatBot.Teams.Graph;

/// <summary>
/// A JSON answer from Graph or its token endpoint, read whole up to a byte cap (issue 10's rule for upstream answers):
/// a declared length past the cap fails before a byte is read, a chunked one a byte past it.
/// </summary>
internal sealed class GraphAnswer(HttpStatusCode status, System.Net.Http.Headers.HttpResponseHeaders headers, ReadOnlyMemory<byte> body)
{
    public int Status { get; } = (int)status;

    public System.Net.Http.Headers.HttpResponseHeaders Headers { get; } = headers;

    public ReadOnlyMemory<byte> Body { get; } = body;

    public bool IsSuccess => Status is >= 200 and <= 299;

    public string TextForLog(int maxChars = 300)
    {
        var text = Encoding.UTF8.GetString(Body.Span).ReplaceLineEndings(" ");
        return text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars), "…");
    }

    /// <exception cref="IOException">The answer is longer than <paramref name="maxBytes"/>.</exception>
    public static async Task<GraphAnswer> ReadAsync(HttpClient http, HttpRequestMessage request, int maxBytes, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return new GraphAnswer(response.StatusCode, response.Headers, await ReadBodyAsync(response, maxBytes, cancellationToken));
    }

    /// <exception cref="IOException">The body is longer than <paramref name="maxBytes"/>.</exception>
    public static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw new IOException($"The answer is larger than {maxBytes} bytes.");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[Math.Min(response.Content.Headers.ContentLength ?? 4096, maxBytes) + 1];
        var length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (length > maxBytes)
            {
                throw new IOException($"The answer is larger than {maxBytes} bytes.");
            }

            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, maxBytes + 1L));
            }
        }

        return buffer.AsMemory(0, length);
    }
}
