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

    public AnswerTooLargeException(int maxBytes)
        : base($"The answer is larger than {maxBytes} bytes.") => MaxBytes = maxBytes;

    /// <summary>The cap the answer went past.</summary>
    public int MaxBytes { get; }
}
