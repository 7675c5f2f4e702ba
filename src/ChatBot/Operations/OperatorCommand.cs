using System.Data.Common;
using ChatBot.Storage;
using Microsoft.Extensions.Options;

namespace ChatBot.Operations;

/// <summary>
/// The operator command line in the same program (<c>dotnet run --project src/ChatBot -- &lt;group&gt; &lt;verb&gt;</c>).
/// Any first argument that is neither an option (<c>--urls</c>) nor a configuration override (<c>Key=Value</c>) is a
/// command, so a mistyped group gets the usage text instead of starting the server.
/// </summary>
public static class OperatorCommand
{
    private static readonly IOperatorCommandGroup[] Groups =
    [
        new AccountsCommands(),
        new LinksCommands(),
        new OutboxCommands(),
    ];

    public static bool IsOperatorCommand(string[] args) =>
        args is [var first, ..] && !first.StartsWith('-') && !first.Contains('=', StringComparison.Ordinal) && !first.StartsWith('/');

    public static Task<int> RunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        return RunAsync(app.Services, args, OperatorConsole.System, app.Lifetime.ApplicationStopping);
    }

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, OperatorConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var group = Groups.FirstOrDefault(g => args.Count > 0 && g.Name == args[0]);
        if (group is null)
        {
            var asked = args.Count > 0 && args[0] is "help";
            if (!asked)
            {
                console.Error.WriteLine($"Unknown command '{string.Join(' ', args)}'.");
            }

            WriteUsage(asked ? console.Out : console.Error, Groups);
            return asked ? OperatorExitCode.Ok : OperatorExitCode.Usage;
        }

        try
        {
            await services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
            return await group.RunAsync(services, args.Skip(1).ToList(), console, cancellationToken);
        }
        catch (OperatorUsageException ex)
        {
            console.Error.WriteLine(ex.Message);
            WriteUsage(console.Error, [group]);
            return OperatorExitCode.Usage;
        }
        catch (OptionsValidationException ex)
        {
            console.Error.WriteLine($"Invalid configuration: {ex.Message}");
            return OperatorExitCode.Failure;
        }
        catch (DbException ex)
        {
            console.Error.WriteLine($"Storage error: {ex.Message}");
            return OperatorExitCode.Failure;
        }
    }

    private static void WriteUsage(TextWriter writer, IEnumerable<IOperatorCommandGroup> groups)
    {
        writer.WriteLine("Usage: dotnet run --project src/ChatBot -- <command>   (in the container: dotnet ChatBot.dll <command>)");
        foreach (var line in groups.SelectMany(g => g.Usage))
        {
            writer.WriteLine("  " + line);
        }
    }
}
