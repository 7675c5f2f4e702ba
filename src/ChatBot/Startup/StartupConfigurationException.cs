namespace ChatBot.Startup;

/// <summary>
/// The configuration cannot work (partial credentials, invalid options). Thrown out of the entry point so a test host
/// (WebApplicationFactory) sees the reason; from the command line <see cref="ConfigurationFailureExit"/> turns it into
/// its message and exit code 1.
/// </summary>
public sealed class StartupConfigurationException : Exception
{
    public StartupConfigurationException()
    {
    }

    public StartupConfigurationException(string message)
        : base(message)
    {
    }

    public StartupConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StartupConfigurationException(IReadOnlyList<string> problems)
        : base("ChatBot cannot start:" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; } = [];
}
