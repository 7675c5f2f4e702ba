namespace ChatBot.Operations;

/// <summary>
/// One command group (<c>accounts</c>, <c>links</c>, <c>outbox</c>...): its first word, its usage text and its verbs.
/// Adding a group is one file implementing this and one line in <see cref="OperatorCommand"/>.
/// </summary>
public interface IOperatorCommandGroup
{
    /// <summary>The first word on the command line.</summary>
    string Name { get; }

    /// <summary>One line per verb, e.g. <c>links remove ID</c>.</summary>
    IReadOnlyList<string> Usage { get; }

    /// <summary>
    /// Runs the verb in <paramref name="args"/> (the words after the group name). The schema is already migrated.
    /// Throws <see cref="OperatorUsageException"/> for a wrong command line; returns an <see cref="OperatorExitCode"/>.
    /// </summary>
    Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, OperatorConsole console, CancellationToken cancellationToken);
}
