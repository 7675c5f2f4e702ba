using System.Globalization;
using ChatBot.Storage;

namespace ChatBot.Tickets;

/// <summary>
/// What happened to a submission, step by step, for <c>outbox show</c>: a row in <c>submission_events</c> whenever the
/// worker changes its state or counts an attempt, written in the same transaction as the change. The accept itself is
/// the submission's <c>created_at</c>: the users' hot path writes nothing more.
/// </summary>
public static class SubmissionHistory
{
    // Written before the UPDATE: compares with the row as it was, and writes only while the owner holds the lease.
    private const string ChangeSql =
        """
        INSERT INTO submission_events (submission_id, at, state, attempts, detail)
        SELECT id, @now, @state, @attempts, @lastError FROM submissions
        WHERE id = @id AND lease_owner = @owner AND (state <> @state OR attempts <> @attempts)
        """;

    /// <summary>The statement that records <paramref name="s"/>'s state and attempts if they differ from the stored row.</summary>
    public static SqlStatement Change(Submission s, string owner, long now)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new SqlStatement(ChangeSql)
            .With("id", s.Id).With("owner", owner).With("state", s.State.ToString()).With("attempts", s.Attempts)
            .With("lastError", s.LastError).With("now", now);
    }

    /// <summary>Records a step taken outside the worker (an operator's retry), with what was done.</summary>
    public static async Task RecordAsync(Database database, string submissionId, SubmissionState state, int attempts, string detail, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        await session.Connection.ExecuteAsync(
            new SqlStatement("INSERT INTO submission_events (submission_id, at, state, attempts, detail) VALUES (@id, @now, @state, @attempts, @detail)")
                .With("id", submissionId).With("now", time.GetUtcNow().ToUnixTimeMilliseconds()).With("state", state.ToString())
                .With("attempts", attempts).With("detail", detail),
            cancellationToken);
    }

    /// <summary>The submission's steps, oldest first.</summary>
    public static async Task<IReadOnlyList<SubmissionEvent>> ListAsync(Database database, string submissionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryAsync(
            new SqlStatement("SELECT at, state, attempts, detail FROM submission_events WHERE submission_id = @id ORDER BY id").With("id", submissionId),
            r => new SubmissionEvent(
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInteger(0)),
                Enum.Parse<SubmissionState>(r.GetString(1)),
                checked((int)r.GetInteger(2)),
                r.GetNullableString(3)),
            cancellationToken);
    }
}

/// <summary>One step of a submission's history.</summary>
public sealed record SubmissionEvent(DateTimeOffset At, SubmissionState State, int Attempts, string? Detail)
{
    public string AtText => At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
