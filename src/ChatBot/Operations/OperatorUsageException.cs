namespace ChatBot.Operations;

/// <summary>A command line that cannot be run as written; the message says what is wrong, the usage follows.</summary>
public sealed class OperatorUsageException(string message) : Exception(message)
{
    public OperatorUsageException()
        : this("Invalid command line.")
    {
    }

    public OperatorUsageException(string message, Exception innerException)
        : this(message + " " + innerException?.Message)
    {
    }
}
