using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ChatBot.Http;

/// <summary>
/// An upstream's answer read whole, as <see cref="UpstreamAnswerReader"/> returns it: the status, the headers and a body
/// that is never longer than the cap it was read with. The response itself is already disposed.
/// </summary>
public sealed class UpstreamAnswer(HttpStatusCode statusCode, HttpResponseHeaders headers, HttpContentHeaders contentHeaders, ReadOnlyMemory<byte> body)
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public HttpResponseHeaders Headers { get; } = headers;

    public HttpContentHeaders ContentHeaders { get; } = contentHeaders;

    public ReadOnlyMemory<byte> Body { get; } = body;

    public bool IsSuccessStatusCode => (int)StatusCode is >= 200 and <= 299;

    /// <summary>The body as UTF-8 text (invalid bytes become U+FFFD).</summary>
    public string Text => Encoding.UTF8.GetString(Body.Span);

    /// <summary>The start of the body, for a log line: an error page can be long, and a log is not the place for it.</summary>
    public string TextForLog(int maxChars = 300)
    {
        var text = Text.ReplaceLineEndings(" ");
        return text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars), "…");
    }
}
