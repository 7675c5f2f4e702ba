namespace ChatBot.Operations;

/// <summary>Exit codes scripts can act on.</summary>
public static class OperatorExitCode
{
    public const int Ok = 0;

    /// <summary>The command was valid but did not succeed (Keliweb refused, not found, storage unreachable).</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong; the usage text is printed.</summary>
    public const int Usage = 2;
}
