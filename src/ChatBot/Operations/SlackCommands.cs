using System.Globalization;
using ChatBot.Linking;
using ChatBot.Slack.Installations;
using ChatBot.Tickets;

namespace ChatBot.Operations;

/// <summary><c>slack installations list|remove</c>: the workspaces that installed the app ("Add to Slack" mode).</summary>
public sealed class SlackCommands : IOperatorCommandGroup
{
    public string Name => "slack";

    public IReadOnlyList<string> Usage =>
    [
        "slack installations list                 workspaces that installed the app: team, name, who installed it, when, token expiry (never the tokens)",
        "slack installations remove TEAM          forget a workspace's installation and its tokens (TEAM: T… id, or E… for an org-wide install)",
    ];

    public Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, OperatorConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args.Count == 0 || args[0] != "installations")
        {
            throw new OperatorUsageException(args.Count == 0 ? "Missing the slack command." : $"Unknown slack command '{args[0]}'.");
        }

        var store = services.GetRequiredService<SlackInstallationStore>();
        return (args.Count > 1 ? args[1] : null) switch
        {
            "list" => ListAsync(store, new CommandArguments(args.Skip(2)), console, cancellationToken),
            "remove" => RemoveAsync(services, store, new CommandArguments(args.Skip(2)), console, cancellationToken),
            _ => throw new OperatorUsageException(args.Count == 1 ? "Missing the installations command (list or remove)." : $"Unknown installations command '{args[1]}'."),
        };
    }

    private static async Task<int> ListAsync(SlackInstallationStore store, CommandArguments arguments, OperatorConsole console, CancellationToken cancellationToken)
    {
        arguments.ExpectPositional(0, "no arguments");
        var table = new TextTable("TEAM", "NAME", "KIND", "STATUS", "INSTALLED_BY", "INSTALLED_UTC", "TOKEN_EXPIRES_UTC");
        foreach (var i in await store.ListAsync(cancellationToken))
        {
            table.Add(i.Id, i.Name.Length == 0 ? "-" : i.Name, i.IsEnterpriseInstall ? "org" : "workspace",
                i.RevokedAt is { } revoked ? "uninstalled " + Utc(revoked) : "installed", i.InstalledBy ?? "-", Utc(i.InstalledAt),
                i.TokenExpiresAt is { } expires ? Utc(expires) : i.RevokedAt is null ? "never" : "-");
        }

        table.WriteTo(console.Out);
        return OperatorExitCode.Ok;
    }

    private static async Task<int> RemoveAsync(
        IServiceProvider services, SlackInstallationStore store, CommandArguments arguments, OperatorConsole console, CancellationToken cancellationToken)
    {
        var team = arguments.ExpectPositional(1, "the team id: slack installations remove TEAM")[0];
        if (!await store.RemoveAsync(team, cancellationToken))
        {
            console.Error.WriteLine($"No Slack installation '{team}' (see slack installations list).");
            return OperatorExitCode.Failure;
        }

        var ended = await services.GetRequiredService<TicketOutbox>().EndForInstallationAsync(
            ChatPlatforms.Slack, team, "the operator removed the Slack installation before the ticket was opened", cancellationToken);
        console.Out.WriteLine($"Slack installation '{team}' removed with its tokens; {ended} waiting submissions ended as failed. " +
            "The workspace can install the app again from the install page.");
        return OperatorExitCode.Ok;
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
