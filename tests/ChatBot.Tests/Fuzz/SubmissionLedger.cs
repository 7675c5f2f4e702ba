using ChatBot.Storage;
using ChatBot.Tickets;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// Which case stored which submission, and the end check: the worker drains, and every accepted row ends Announced,
/// Failed or Uncertain with its notice posted (never Unannounced, never still due).
/// </summary>
public sealed class SubmissionLedger(TicketOutbox outbox, Database database)
{
    private readonly Dictionary<string, FuzzCase> owners = [];
    private HashSet<string> known = [];

    public int Stored => owners.Count;

    /// <summary>Attributes the rows stored since the last call to <paramref name="fuzzCase"/>; returns how many.</summary>
    public async Task<int> TakeNewAsync(FuzzCase fuzzCase)
    {
        var ids = await IdsAsync();
        var added = ids.Where(id => !known.Contains(id)).ToList();
        foreach (var id in added)
        {
            owners[id] = fuzzCase;
        }

        known = ids;
        return added.Count;
    }

    /// <summary>
    /// Waits for every row to end, then checks each: <paramref name="announced"/> says whether an Announced row's ticket
    /// reached the chat stand-in; <paramref name="notices"/> is how many notices that stand-in received in all, at
    /// least one per ended row.
    /// </summary>
    public async Task DrainAsync(FuzzRun run, Func<Submission, bool> announced, Func<int> notices, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<Submission> rows;
        while (true)
        {
            rows = await outbox.ListAsync(100_000, CancellationToken.None);
            var pending = rows.Where(r => !IsEnded(r)).ToList();
            if (pending.Count == 0)
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                foreach (var row in pending)
                {
                    run.Fail(owners.GetValueOrDefault(row.Id), $"submission {row.Id} never ended: {row.State}, notice due {row.NoticeDue}, last error {row.LastError}");
                }

                return;
            }

            await Task.Delay(100);
        }

        foreach (var row in rows)
        {
            if (row.State == SubmissionState.Unannounced)
            {
                run.Fail(owners.GetValueOrDefault(row.Id), $"submission {row.Id} ended Unannounced: the user was never told ({row.LastError})");
            }
            else if (row.State == SubmissionState.Announced && !announced(row))
            {
                run.Fail(owners.GetValueOrDefault(row.Id), $"submission {row.Id} is Announced but no notice names ticket {row.Ticket?.Tid}");
            }
        }

        // Let the last notices' calls be recorded: the row is saved after the post returns.
        if (notices() < rows.Count)
        {
            run.Fail(null, $"{rows.Count} submissions ended but the chat stand-in received only {notices()} notices");
        }
    }

    private static bool IsEnded(Submission row) =>
        row.State is SubmissionState.Announced or SubmissionState.Failed or SubmissionState.Uncertain or SubmissionState.Unannounced && !row.NoticeDue;

    /// <summary>Only the ids, after every case: listing whole rows (drafts with huge fields) made the run quadratic.</summary>
    private async Task<HashSet<string>> IdsAsync()
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return (await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT id FROM submissions")).ToHashSet(StringComparer.Ordinal);
    }
}
