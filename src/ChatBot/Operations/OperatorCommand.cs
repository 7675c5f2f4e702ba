using System.Data.Common;
using ChatBot.Settings;
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
        new AlertsCommands(),
        new StorageCommands(),
        new SlackCommands(),
    ];

    /// <summary>A plain first word, or a request for help (which must never start the server).</summary>
    public static bool IsOperatorCommand(string[] args) =>
        args is [var first, ..] && (IsHelp(first) || (!first.StartsWith('-') && !first.Contains('=', StringComparison.Ordinal) && !first.StartsWith('/')));

    private static bool IsHelp(string arg) => arg is "help" or "--help" or "-h";

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
            var asked = args.Count > 0 && IsHelp(args[0]);
            if (!asked)
            {
                console.Error.WriteLine($"Unknown command '{string.Join(' ', args)}'.");
            }

            WriteUsage(asked ? console.Out : console.Error, Groups, withServer: true);
            return asked ? OperatorExitCode.Ok : OperatorExitCode.Usage;
        }

        // Answered before anything is read or migrated: help works with a broken configuration or no store.
        if (args.Skip(1).Any(IsHelp))
        {
            WriteUsage(console.Out, [group]);
            return OperatorExitCode.Ok;
        }

        if (services.GetService<IConfiguration>() is { } configuration && SettingsRegistration.AllProblems(services, configuration) is { Count: > 0 } problems)
        {
            console.Error.WriteLine("Invalid configuration:");
            foreach (var problem in problems)
            {
                console.Error.WriteLine("  - " + problem);
            }

            return OperatorExitCode.Failure;
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
        catch (StorageFailureException ex)
        {
            console.Error.WriteLine($"Storage error: {ex.Message}");
            return OperatorExitCode.Failure;
        }
        catch (DbException ex)
        {
            console.Error.WriteLine($"Storage error: {ex.Message}");
            return OperatorExitCode.Failure;
        }
    }

    private static void WriteUsage(TextWriter writer, IEnumerable<IOperatorCommandGroup> groups, bool withServer = false)
    {
        writer.WriteLine("Usage: ChatBot <command> [options]   (from the sources: dotnet run --project src/ChatBot -- <command>;");
        writer.WriteLine("       in the container: docker exec -it <container> ./ChatBot <command>)");
        if (withServer)
        {
            writer.WriteLine("  (no command) [--urls URL] [Key=Value ...]  run the bot; settings as in README.md");
        }

        foreach (var line in groups.SelectMany(g => g.Usage))
        {
            writer.WriteLine("  " + line);
        }

        writer.WriteLine("  help, --help, -h                         this text; after a group (accounts --help), that group's");
        writer.WriteLine("Exit codes: 0 done, 1 failed (refused, not found, store unreachable, invalid configuration), 2 wrong command line.");
    }
}
