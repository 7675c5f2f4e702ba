namespace ChatBot.Operations;

/// <summary>The operator command line in the same program: <c>accounts</c>, <c>links</c>, <c>outbox</c>.</summary>
public static class OperatorCommand
{
    private static readonly string[] Groups = ["accounts", "links", "outbox"];

    public static bool IsOperatorCommand(string[] args) => args.Length > 0 && Groups.Contains(args[0], StringComparer.Ordinal);

    public static Task<int> RunAsync(WebApplication app, string[] args)
    {
        _ = app;
        Console.Error.WriteLine($"'{args[0]}' is not implemented yet.");
        return Task.FromResult(2);
    }
}
