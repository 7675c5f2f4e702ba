using System.Text.Json;
using ChatBot.Storage;
using Microsoft.Extensions.Options;

namespace ChatBot.Tickets;

/// <summary>
/// Retention: submissions that ended more than <c>Tickets:ContentRetention</c> ago lose what people wrote and who they
/// are (subject, message, custom fields, file names, display name, email). What stays answers "what happened": the
/// ids (platform, team, user, reply target), state, attempts, errors, ticket number and history. Safe to run on every
/// instance at once: each row is rewritten once, guarded by <c>purged_at</c>.
/// </summary>
public sealed partial class SubmissionPurge(Database database, IOptionsMonitor<TicketsOptions> options, TimeProvider time, ILogger<SubmissionPurge> logger)
{
    private const int Batch = 200;

    // Repeats the partial index's WHERE word for word (SQLite uses a partial index only then).
    private const string Candidates =
        """
        SELECT id, draft, progress FROM submissions
        WHERE state IN ('Announced', 'Failed', 'Uncertain', 'Unannounced') AND notice_due = 0 AND purged_at IS NULL AND updated_at < @cutoff
        ORDER BY updated_at LIMIT @batch
        """;

    /// <summary>Purges every submission due; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = (now - options.CurrentValue.ContentRetention).ToUnixTimeMilliseconds();
        var purged = 0;
        while (true)
        {
            List<(string Id, string Draft, string? Progress)> rows;
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                rows = await connection.QueryAsync(
                    new SqlStatement(Candidates).With("cutoff", cutoff).With("batch", Batch),
                    r => (r.GetString(0), r.GetString(1), r.GetNullableString(2)),
                    cancellationToken);
            }

            if (rows.Count == 0)
            {
                break;
            }

            await using (var session = await database.OpenForWriteAsync(cancellationToken))
            {
                await using var tx = await session.Connection.BeginTransactionAsync(cancellationToken);
                foreach (var (id, draft, progress) in rows)
                {
                    purged += await session.Connection.ExecuteAsync(
                        new SqlStatement(
                            """
                            UPDATE submissions SET draft = @draft, progress = @progress, purged_at = @now
                            WHERE id = @id AND purged_at IS NULL AND updated_at < @cutoff
                            """)
                            .With("id", id).With("draft", PurgedDraft(draft)).With("progress", PurgedProgress(progress))
                            .With("now", now.ToUnixTimeMilliseconds()).With("cutoff", cutoff),
                        cancellationToken,
                        tx);
                }

                await tx.CommitAsync(cancellationToken);
            }

            if (rows.Count < Batch)
            {
                break;
            }
        }

        if (purged > 0)
        {
            LogPurged(purged, options.CurrentValue.ContentRetention);
        }

        return purged;
    }

    private static string PurgedDraft(string json)
    {
        var draft = JsonSerializer.Deserialize(json, TicketsJsonContext.Default.TicketDraft)!;
        var purged = draft with
        {
            Subject = "",
            Message = "",
            CustomFields = new Dictionary<int, string>(),
            Files = [.. draft.Files.Select(f => f with { Name = "", Locator = "" })],
            Requester = draft.Requester with { DisplayName = "", Email = null },
        };
        return JsonSerializer.Serialize(purged, TicketsJsonContext.Default.TicketDraft);
    }

    private static string? PurgedProgress(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var progress = JsonSerializer.Deserialize(json, TicketsJsonContext.Default.SubmissionProgress)!;
        return JsonSerializer.Serialize(progress with { Files = [.. progress.Files.Select(f => f with { Name = "", Path = null })] },
            TicketsJsonContext.Default.SubmissionProgress);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: the content of {Count} submissions that ended more than {Retention} ago was removed")]
    private partial void LogPurged(int count, TimeSpan retention);
}
