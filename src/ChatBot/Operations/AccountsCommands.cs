using System.Globalization;
using System.Text.RegularExpressions;
using ChatBot.Keliweb;
using ChatBot.Storage;
using Microsoft.Extensions.Options;

namespace ChatBot.Operations;

/// <summary><c>accounts add|list|remove</c>: the Keliweb logins the bot opens tickets with.</summary>
public sealed partial class AccountsCommands : IOperatorCommandGroup
{
    public string Name => "accounts";

    public IReadOnlyList<string> Usage =>
    [
        "accounts add --email EMAIL [--id NAME]   log in (password prompted, or one line of stdin); NAME defaults to EMAIL",
        "accounts list                            accounts, whether they need a new login, who logged them in (never the tokens)",
        "accounts remove NAME                     forget an account (its links must be removed first)",
    ];

    public Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, OperatorConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var accounts = services.GetRequiredService<AccountStore>();
        return (args.Count > 0 ? args[0] : null) switch
        {
            "add" => AddAsync(services, new CommandArguments(args.Skip(1), "email", "id"), console, cancellationToken),
            "list" => ListAsync(accounts, new CommandArguments(args.Skip(1)), console, cancellationToken),
            "remove" => RemoveAsync(accounts, new CommandArguments(args.Skip(1)), console, cancellationToken),
            _ => throw new OperatorUsageException(args.Count == 0 ? "Missing the accounts command." : $"Unknown accounts command '{args[0]}'."),
        };
    }

    private static async Task<int> AddAsync(IServiceProvider services, CommandArguments arguments, OperatorConsole console, CancellationToken cancellationToken)
    {
        arguments.ExpectPositional(0, "no words besides the options");
        var email = arguments.Required("email").Trim();
        if (!email.Contains('@', StringComparison.Ordinal))
        {
            throw new OperatorUsageException($"'{email}' is not an email address.");
        }

        var id = arguments.Optional("id") ?? email.ToLowerInvariant();
        if (!AccountId().IsMatch(id))
        {
            throw new OperatorUsageException($"Account name '{id}' may use letters, digits and . _ @ - (up to 100).");
        }

        if (services.GetService<KeliwebLogin>() is not { } login)
        {
            console.Error.WriteLine("accounts add is not available in this build: the Keliweb login is not wired (see AddOperations).");
            return OperatorExitCode.Failure;
        }

        // A local problem, said before the password is asked for: Keliweb was never asked.
        if (services.GetService<IOptions<KeliwebOptions>>()?.Value is { HasApiKeys: false })
        {
            console.Error.WriteLine("accounts add needs Keliweb's API keys: set Keliweb:ClientId and Keliweb:ClientSecret (from Keliweb), then try again.");
            return OperatorExitCode.Failure;
        }

        var password = console.ReadSecret($"Keliweb password for {email}: ");
        if (password.Length == 0)
        {
            throw new OperatorUsageException("No password given (type it at the prompt, or pipe one line to standard input).");
        }

        var outcome = await login(id, email, password, cancellationToken);
        var failure = outcome switch
        {
            KeliwebResult<bool>.Success { Value: true } => null,
            KeliwebResult<bool>.Success => "Keliweb did not accept the login.",
            KeliwebResult<bool>.ApiError e => $"Keliweb refused the login: {e.Message.TrimEnd('.')}.",
            KeliwebResult<bool>.NeedsLogin e => $"Keliweb refused the login: {e.Reason.TrimEnd('.')}.",
            KeliwebResult<bool>.NotSent e => $"Keliweb could not be reached ({e.Reason}); nothing changed, try again.",
            KeliwebResult<bool>.Uncertain e => $"No clear answer from Keliweb ({e.Reason}); check 'accounts list' and try again if needed.",
            _ => "Unexpected answer from the login.",
        };
        if (failure is not null)
        {
            console.Error.WriteLine(failure);
            return OperatorExitCode.Failure;
        }

        await services.GetRequiredService<AccountStore>().RecordLoginAsync(
            id, Provenance.Cli(services.GetRequiredService<TimeProvider>().GetUtcNow()), cancellationToken);
        console.Out.WriteLine($"Account '{id}' ({email}) is logged in; its refresh token is stored encrypted.");
        return OperatorExitCode.Ok;
    }

    private static async Task<int> ListAsync(AccountStore accounts, CommandArguments arguments, OperatorConsole console, CancellationToken cancellationToken)
    {
        arguments.ExpectPositional(0, "no arguments");
        var table = new TextTable("ID", "EMAIL", "STATUS", "REFRESHED_UTC", "LOGIN", "LOGIN_UTC", "BY");
        foreach (var a in await accounts.ListAsync(cancellationToken))
        {
            var status = a.NeedsLogin ? "needs-login: " + a.NeedsLoginReason : a.RefreshedAt is null ? "not-logged-in" : "ok";
            // The default account logs itself in with Keliweb:Username/Password: configuration made it.
            var login = a.Login?.SourceName ?? (a.Id == KeliwebOptions.DefaultAccountId ? Provenance.Name(ProvenanceSource.Configuration) : "-");
            table.Add(a.Id, a.Email.Length == 0 ? "-" : a.Email, status,
                a.RefreshedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-", login, a.Login?.AtUtc ?? "-", a.Login?.By ?? "-");
        }

        table.WriteTo(console.Out);
        return OperatorExitCode.Ok;
    }

    private static async Task<int> RemoveAsync(AccountStore accounts, CommandArguments arguments, OperatorConsole console, CancellationToken cancellationToken)
    {
        var id = arguments.ExpectPositional(1, "the account name: accounts remove NAME")[0];
        switch (await accounts.RemoveAsync(id, cancellationToken))
        {
            case AccountRemoval.Removed:
                console.Out.WriteLine($"Account '{id}' removed.");
                return OperatorExitCode.Ok;
            case AccountRemoval.InUse:
                console.Error.WriteLine($"Account '{id}' is still used by links; remove them first (links list).");
                return OperatorExitCode.Failure;
            default:
                console.Error.WriteLine($"No account '{id}'.");
                return OperatorExitCode.Failure;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,100}$")]
    private static partial Regex AccountId();
}
