using System.Globalization;
using ChatBot.Linking;
using ChatBot.Storage;
using ChatBot.Tickets;

namespace ChatBot.Operations;

/// <summary><c>links add|list|remove</c>: which account opens tickets for a workspace/tenant or one user in it.</summary>
public sealed class LinksCommands : IOperatorCommandGroup
{
    public string Name => "links";

    public IReadOnlyList<string> Usage =>
    [
        "links add --platform slack|teams --team TEAM [--user USER] --account NAME [--client-id N] [--contact-id N]",
        "                                         link a workspace/tenant (no --user) or one user to an account;",
        "                                         Slack: --team T…/E…, --user U…/W…; Teams: tenant id and aadObjectId (GUIDs)",
        "links list                               every link, and who made it (configuration, CLI, self-service), when",
        "links remove ID                          remove the link with that id (from links list)",
    ];

    public Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, OperatorConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var links = services.GetRequiredService<LinkStore>();
        return (args.Count > 0 ? args[0] : null) switch
        {
            "add" => AddAsync(services, links, services.GetRequiredService<AccountStore>(),
                new CommandArguments(args.Skip(1), "platform", "team", "user", "account", "client-id", "contact-id"), console, cancellationToken),
            "list" => ListAsync(links, new CommandArguments(args.Skip(1)), console, cancellationToken),
            "remove" => RemoveAsync(links, new CommandArguments(args.Skip(1)), console, cancellationToken),
            _ => throw new OperatorUsageException(args.Count == 0 ? "Missing the links command." : $"Unknown links command '{args[0]}'."),
        };
    }

    private static async Task<int> AddAsync(
        IServiceProvider services,
        LinkStore links, AccountStore accounts, CommandArguments arguments, OperatorConsole console, CancellationToken cancellationToken)
    {
        arguments.ExpectPositional(0, "no words besides the options");
        var platform = arguments.Required("platform").ToLowerInvariant();
        if (platform is not (ChatPlatforms.Slack or ChatPlatforms.Teams))
        {
            throw new OperatorUsageException($"--platform must be '{ChatPlatforms.Slack}' or '{ChatPlatforms.Teams}' (was '{platform}').");
        }

        var team = arguments.Required("team").Trim();
        var user = arguments.Optional("user")?.Trim();
        if (LinkIdentity.TeamProblem(platform, team) is { } teamProblem)
        {
            throw new OperatorUsageException("--team: " + teamProblem);
        }

        if (LinkIdentity.UserProblem(platform, user) is { } userProblem)
        {
            throw new OperatorUsageException("--user: " + userProblem);
        }
        var account = arguments.Required("account");
        var clientId = arguments.OptionalPositiveInt("client-id");
        var contactId = arguments.OptionalPositiveInt("contact-id");

        // The table's foreign key would refuse it anyway; this says what to do about it.
        if (!(await accounts.ListAsync(cancellationToken)).Any(a => a.Id == account))
        {
            console.Error.WriteLine($"No account '{account}'. Add it first: accounts add --email EMAIL --id {account}");
            return OperatorExitCode.Failure;
        }

        var made = Provenance.Cli(services.GetRequiredService<TimeProvider>().GetUtcNow());
        var link = await links.UpsertAsync(platform, team, user, account, clientId, contactId, made, cancellationToken);
        console.Out.WriteLine(
            $"Link {link.Id}: {platform} team {team} {(link.IsWorkspaceLink ? "(whole workspace)" : "user " + user)} -> account '{account}'.");
        return OperatorExitCode.Ok;
    }

    private static async Task<int> ListAsync(LinkStore links, CommandArguments arguments, OperatorConsole console, CancellationToken cancellationToken)
    {
        arguments.ExpectPositional(0, "no arguments");
        var table = new TextTable("ID", "PLATFORM", "TEAM", "USER", "ACCOUNT", "CLIENT_ID", "CONTACT_ID", "MADE", "MADE_UTC", "BY");
        foreach (var l in await links.ListAsync(cancellationToken))
        {
            table.Add(l.Id.ToString(CultureInfo.InvariantCulture), l.Platform, l.TeamId, l.IsWorkspaceLink ? "*" : l.UserId, l.AccountId,
                l.ClientId?.ToString(CultureInfo.InvariantCulture) ?? "-", l.ContactId?.ToString(CultureInfo.InvariantCulture) ?? "-",
                l.Made.SourceName, l.Made.AtUtc, l.Made.By ?? "-");
        }

        table.WriteTo(console.Out);
        return OperatorExitCode.Ok;
    }

    private static async Task<int> RemoveAsync(LinkStore links, CommandArguments arguments, OperatorConsole console, CancellationToken cancellationToken)
    {
        var text = arguments.ExpectPositional(1, "the link id: links remove ID")[0];
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new OperatorUsageException($"Link id must be a number (was '{text}').");
        }

        if (!await links.RemoveAsync(id, cancellationToken))
        {
            console.Error.WriteLine($"No link {id}.");
            return OperatorExitCode.Failure;
        }

        console.Out.WriteLine($"Link {id} removed.");
        return OperatorExitCode.Ok;
    }
}
