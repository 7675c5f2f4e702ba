using ChatBot.Storage;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace ChatBot.Operations;

/// <summary>
/// <c>storage copy-to-postgres</c>: moving from SQLite to PostgreSQL without anyone signing in again. The target's
/// connection string is read like a password (prompt, or one line of standard input), never an argument.
/// </summary>
public sealed class StorageCommands : IOperatorCommandGroup
{
    public string Name => "storage";

    public IReadOnlyList<string> Usage =>
    [
        "storage copy-to-postgres                 copy keys, accounts, links and open submissions into a new, empty PostgreSQL",
        "                                         database (its connection string: prompted, or one line of stdin); stop the bot first",
    ];

    public async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, OperatorConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args is not ["copy-to-postgres", ..])
        {
            throw new OperatorUsageException(args.Count == 0 ? "Missing the storage command." : $"Unknown storage command '{args[0]}'.");
        }

        new CommandArguments(args.Skip(1)).ExpectPositional(0, "no arguments");
        var source = services.GetRequiredService<Database>();
        var connectionString = console.ReadSecret("PostgreSQL connection string of the new store: ").Trim();
        if (connectionString.Length == 0)
        {
            throw new OperatorUsageException("No connection string given (type it at the prompt, or pipe one line to standard input).");
        }

        using var target = new Database(
            Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString }),
            services.GetRequiredService<IHostEnvironment>());
        if (target.Describe() == source.Describe())
        {
            console.Error.WriteLine("The new store is the configured one: nothing to copy.");
            return OperatorExitCode.Failure;
        }

        var time = services.GetRequiredService<TimeProvider>();
        await new SchemaMigrator(target, time, services.GetRequiredService<ILogger<SchemaMigrator>>()).MigrateAsync(cancellationToken);
        var keys = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository?.GetAllElements() ?? [];
        var counts = await new StoreCopy(source, target, time).CopyAsync(keys, cancellationToken);
        console.Out.WriteLine(
            $"Copied from {source.Describe()} to {target.Describe()}: {counts.Keys} Data Protection keys, {counts.Accounts} accounts, " +
            $"{counts.Links} links, {counts.Submissions} open submissions ({counts.Tickets} tickets, {counts.Events} history steps), " +
            $"{counts.SlackInstallations} Slack installations.");
        console.Out.WriteLine("Next: set Storage__Provider=Postgres and Storage__ConnectionString to the new store, and start the bot there.");
        return OperatorExitCode.Ok;
    }
}
