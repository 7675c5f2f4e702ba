using System.Net;

namespace ChatBot.Http;

/// <summary>
/// An upstream answered more than the caller's cap. An <see cref="IOException"/>, like an answer that broke off: the
/// request went out and its answer cannot be read, which is how callers already classify it.
/// </summary>
public sealed class AnswerTooLargeException : IOException
{
    public AnswerTooLargeException()
    {
    }

    public AnswerTooLargeException(string message)
        : base(message)
    {
    }

    public AnswerTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AnswerTooLargeException(int maxBytes, HttpStatusCode statusCode)
        : base($"The answer (HTTP {(int)statusCode}) is larger than {maxBytes} bytes.")
    {
        MaxBytes = maxBytes;
        StatusCode = statusCode;
    }

    /// <summary>The cap the answer went past.</summary>
    public int MaxBytes { get; }

    /// <summary>The status line that came before the body: whether the upstream took the request.</summary>
    public HttpStatusCode StatusCode { get; }
}
