namespace ChatBot.Tests.Telemetry;

/// <summary>
/// OpenTelemetry's meter provider listens to every meter of a name in the process, not only to its own host's
/// <c>IMeterFactory</c>, so a test that counts exactly must not share the process with hosts that submit in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideTelemetryCollection
{
    public const string Name = "Process-wide telemetry";
}
