using System.Globalization;
using ChatBot.Tickets;

namespace ChatBot.Operations;

/// <summary><c>outbox list|retry</c>: what the ticket pipeline holds, and a deliberate second try of one submission.</summary>
public sealed class OutboxCommands : IOperatorCommandGroup
{
    public string Name => "outbox";

    public IReadOnlyList<string> Usage =>
    [
        "outbox list [--limit N]                  recent submissions: state, age, attempts, last error",
        "outbox retry ID                          send an Uncertain or Failed submission again, on purpose; post an",
        "                                         Unannounced one's notice again; make a waiting (Accepted) one due now",
    ];

    public Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, OperatorConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var outbox = services.GetRequiredService<TicketOutbox>();
        return (args.Count > 0 ? args[0] : null) switch
        {
            "list" => ListAsync(outbox, services.GetRequiredService<TimeProvider>(), new CommandArguments(args.Skip(1), "limit"), console, cancellationToken),
            "retry" => RetryAsync(outbox, new CommandArguments(args.Skip(1)), console, cancellationToken),
            _ => throw new OperatorUsageException(args.Count == 0 ? "Missing the outbox command." : $"Unknown outbox command '{args[0]}'."),
        };
    }

    private static async Task<int> ListAsync(TicketOutbox outbox, TimeProvider time, CommandArguments arguments, OperatorConsole console, CancellationToken ct)
    {
        arguments.ExpectPositional(0, "no arguments besides --limit");
        var limit = arguments.OptionalPositiveInt("limit") ?? 50;
        var now = time.GetUtcNow();
        var table = new TextTable("ID", "STATE", "AGE", "ATTEMPTS", "PLATFORM", "USER", "TICKET", "LAST_ERROR");
        foreach (var s in await outbox.ListAsync(limit, ct))
        {
            table.Add(s.Id, s.State + (s.NoticeDue ? " (notice due)" : ""), Age(now - s.CreatedAt), s.Attempts.ToString(CultureInfo.InvariantCulture),
                s.Draft.Requester.Platform, s.Draft.Requester.UserId, s.Ticket?.Tid ?? "-", s.LastError ?? "-");
        }

        table.WriteTo(console.Out);
        return OperatorExitCode.Ok;
    }

    private static async Task<int> RetryAsync(TicketOutbox outbox, CommandArguments arguments, OperatorConsole console, CancellationToken ct)
    {
        var id = arguments.ExpectPositional(1, "the submission id: outbox retry ID")[0];
        var submission = await outbox.GetAsync(id, ct);
        if (submission is null)
        {
            console.Error.WriteLine($"No submission {id}.");
            return OperatorExitCode.Failure;
        }

        if (!await outbox.RetryAsync(id, ct))
        {
            console.Error.WriteLine(submission.State == SubmissionState.Accepted
                ? $"Submission {id} is being worked on right now; try again in a minute."
                : $"Submission {id} is {submission.State}: only Uncertain, Failed, Unannounced or waiting (Accepted) submissions can be retried.");
            return OperatorExitCode.Failure;
        }

        console.Out.WriteLine(submission.State switch
        {
            SubmissionState.Accepted => $"Submission {id} moved forward (it waited until {submission.NextAttemptAt:u}); a running bot sends it "
                + "within seconds, or as soon as its Keliweb outage pause ends (at most Tickets:RetryMaxDelay).",
            SubmissionState.Unannounced => $"Submission {id}: its notice is posted again; a running bot picks it up within seconds.",
            _ => $"Submission {id} queued again; a running bot picks it up within seconds.",
        });
        return OperatorExitCode.Ok;
    }

    private static string Age(TimeSpan age) => age.TotalMinutes < 1 ? $"{age.TotalSeconds:F0}s"
        : age.TotalHours < 1 ? $"{age.TotalMinutes:F0}m"
        : age.TotalDays < 1 ? $"{age.TotalHours:F0}h"
        : $"{age.TotalDays:F0}d";
}
