using System.Globalization;
using ChatBot.Linking;
using ChatBot.Tickets;

namespace ChatBot.Operations;

/// <summary><c>outbox list|retry</c>: what the ticket pipeline holds, and a deliberate second try of one submission.</summary>
public sealed class OutboxCommands : IOperatorCommandGroup
{
    public string Name => "outbox";

    public IReadOnlyList<string> Usage =>
    [
        "outbox list [--state S[,S]] [--platform slack|teams] [--older-than AGE] [--newer-than AGE] [--limit N]",
        "                                         submissions, newest first: state, age, attempts, last error",
        "                                         (AGE such as 90s, 30m, 2h, 7d; states: " + string.Join(", ", Enum.GetNames<SubmissionState>()) + ")",
        "outbox show ID [--with-message]          one submission and its history (the message only when asked; never tokens)",
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
            "list" => ListAsync(services.GetRequiredService<OutboxListing>(), services.GetRequiredService<TimeProvider>(),
                new CommandArguments(args.Skip(1), "limit", "state", "platform", "older-than", "newer-than"), console, cancellationToken),
            "show" => ShowAsync(services, new CommandArguments(args.Skip(1), [], ["with-message"]), console, cancellationToken),
            "retry" => RetryAsync(services, outbox, new CommandArguments(args.Skip(1)), console, cancellationToken),
            _ => throw new OperatorUsageException(args.Count == 0 ? "Missing the outbox command." : $"Unknown outbox command '{args[0]}'."),
        };
    }

    private static async Task<int> ListAsync(OutboxListing listing, TimeProvider time, CommandArguments arguments, OperatorConsole console, CancellationToken ct)
    {
        arguments.ExpectPositional(0, "no arguments besides the options");
        var filter = new OutboxFilter(
            States(arguments.Optional("state")),
            Platform(arguments.Optional("platform")),
            arguments.OptionalDuration("older-than"),
            arguments.OptionalDuration("newer-than"),
            arguments.OptionalPositiveInt("limit") ?? 50);
        var now = time.GetUtcNow();
        var table = new TextTable("ID", "STATE", "AGE", "ATTEMPTS", "PLATFORM", "USER", "TICKET", "LAST_ERROR");
        foreach (var s in await listing.ListAsync(filter, ct))
        {
            table.Add(s.Id, s.State + (s.NoticeDue ? " (notice due)" : ""), Age(now - s.CreatedAt), s.Attempts.ToString(CultureInfo.InvariantCulture),
                s.Draft.Requester.Platform, s.Draft.Requester.UserId, s.Ticket?.Tid ?? "-", s.LastError ?? "-");
        }

        table.WriteTo(console.Out);
        return OperatorExitCode.Ok;
    }

    private static List<SubmissionState> States(string? text)
    {
        if (text is null)
        {
            return [];
        }

        var states = new List<SubmissionState>();
        foreach (var word in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            states.Add(Enum.TryParse<SubmissionState>(word, ignoreCase: true, out var state) && Enum.IsDefined(state)
                ? state
                : throw new OperatorUsageException($"--state: '{word}' is not a state ({string.Join(", ", Enum.GetNames<SubmissionState>())})."));
        }

        return states;
    }

    private static string? Platform(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null => null,
        ChatPlatforms.Slack or ChatPlatforms.Teams => text.Trim().ToLowerInvariant(),
        _ => throw new OperatorUsageException($"--platform must be '{ChatPlatforms.Slack}' or '{ChatPlatforms.Teams}' (was '{text}')."),
    };

    private static async Task<int> ShowAsync(IServiceProvider services, CommandArguments arguments, OperatorConsole console, CancellationToken ct)
    {
        var id = arguments.ExpectPositional(1, "the submission id: outbox show ID")[0];
        var submission = await services.GetRequiredService<TicketOutbox>().GetAsync(id, ct);
        if (submission is null)
        {
            console.Error.WriteLine($"No submission {id}.");
            return OperatorExitCode.Failure;
        }

        var history = await SubmissionHistory.ListAsync(services.GetRequiredService<ChatBot.Storage.Database>(), id, ct);
        SubmissionReport.Write(console.Out, submission, history, arguments.Flag("with-message"));
        return OperatorExitCode.Ok;
    }

    private static async Task<int> RetryAsync(IServiceProvider services, TicketOutbox outbox, CommandArguments arguments, OperatorConsole console, CancellationToken ct)
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

        var (state, detail, message) = submission.State switch
        {
            SubmissionState.Accepted => (SubmissionState.Accepted, $"moved forward by an operator (outbox retry); it waited until {submission.NextAttemptAt:u}",
                $"Submission {id} moved forward (it waited until {submission.NextAttemptAt:u}); a running bot sends it within seconds, "
                + "or as soon as its Keliweb outage pause ends (at most Tickets:RetryMaxDelay)."),
            SubmissionState.Unannounced => (SubmissionState.Opened, "its notice posted again by an operator (outbox retry)",
                $"Submission {id}: its notice is posted again; a running bot picks it up within seconds."),
            _ => (SubmissionState.Accepted, $"sent again by an operator (outbox retry), after {submission.State}",
                $"Submission {id} queued again; a running bot picks it up within seconds."),
        };
        await SubmissionHistory.RecordAsync(
            services.GetRequiredService<ChatBot.Storage.Database>(), id, state, state == SubmissionState.Accepted && submission.State != SubmissionState.Accepted ? 0 : submission.Attempts,
            detail, services.GetRequiredService<TimeProvider>(), ct);
        console.Out.WriteLine(message);
        return OperatorExitCode.Ok;
    }

    private static string Age(TimeSpan age) => age.TotalMinutes < 1 ? $"{age.TotalSeconds:F0}s"
        : age.TotalHours < 1 ? $"{age.TotalMinutes:F0}m"
        : age.TotalDays < 1 ? $"{age.TotalHours:F0}h"
        : $"{age.TotalDays:F0}d";
}
