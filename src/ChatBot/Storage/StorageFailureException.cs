namespace ChatBot.Storage;

/// <summary>
/// The store cannot be used: unreachable, refused the login, not writable, or on a schema newer than this binary.
/// The message is the operator's one line (never the password); the start-up and the operator commands print it and
/// exit with code 1 instead of a stack trace.
/// </summary>
public sealed class StorageFailureException : Exception
{
    public StorageFailureException()
    {
    }

    public StorageFailureException(string message)
        : base(message)
    {
    }

    public StorageFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
