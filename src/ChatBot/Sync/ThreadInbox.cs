using System.Text.Json;
using ChatBot.Storage;

namespace ChatBot.Sync;

/// <summary>
/// The durable inbox of chat messages in tickets' threads. The platform's request only accepts: a message that belongs
/// to a followed ticket is stored once, deduplicated by the message (Slack re-delivers a message with a new event_id)
/// and by the delivery (and its retries), and the worker does the rest after the acknowledgement.
/// </summary>
public sealed class ThreadInbox(Database database, FollowedTicketStore follows, ThreadReplySignal signal, TimeProvider time)
{
    private const string Due = "state IN ('Accepted', 'Sending', 'Sent')";

    /// <summary>Inside the platform's request: a store read, and a write only for messages in a ticket's thread.</summary>
    public async Task<ThreadAcceptance> AcceptAsync(ThreadMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return await TicketOfThreadAsync(message.ThreadKey, cancellationToken) is { } submissionId
            ? await AcceptAsync(message, submissionId, cancellationToken)
            : ThreadAcceptance.NotATicketThread;
    }

    /// <summary>
    /// The ticket a thread belongs to, for a platform that does more work only for tickets' threads (most thread messages
    /// in a workspace are not about a ticket); then <see cref="AcceptAsync(ThreadMessage, string, CancellationToken)"/>.
    /// </summary>
    public Task<string?> TicketOfThreadAsync(string threadKey, CancellationToken cancellationToken) => follows.ThreadOwnerAsync(threadKey, cancellationToken);

    /// <summary>Stores a message of <paramref name="submissionId"/>'s thread once, however often it is delivered.</summary>
    public async Task<ThreadAcceptance> AcceptAsync(ThreadMessage message, string submissionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = Now();
        var insert = new SqlStatement(
            """
            INSERT INTO thread_inbox (id, message_key, delivery_key, submission_id, platform, team_id, user_id, message, state, next_attempt_at,
                                      created_at, updated_at)
            VALUES (@id, @messageKey, @deliveryKey, @submission, @platform, @team, @user, @message, 'Accepted', @now, @now, @now)
            ON CONFLICT DO NOTHING
            """)
            .With("id", Guid.CreateVersion7().ToString("n")).With("messageKey", message.MessageKey).With("deliveryKey", message.DeliveryKey)
            .With("submission", submissionId).With("platform", message.Author.Platform).With("team", message.Author.TeamId)
            .With("user", message.Author.UserId).With("message", JsonSerializer.Serialize(message, SyncJsonContext.Default.ThreadMessage))
            .With("now", now);
        var stored = await database.WriteInBatchAsync((connection, tx, ct) => connection.ExecuteAsync(insert, ct, tx), cancellationToken);
        if (stored == 0)
        {
            return ThreadAcceptance.Duplicate;
        }

        signal.Pulse();
        return ThreadAcceptance.Accepted;
    }

    public async Task<IReadOnlyList<ThreadReply>> ClaimAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = Now();
        var skipLocked = database.Provider == StorageProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        return await session.Connection.QueryAsync(
            new SqlStatement(
                $"""
                UPDATE thread_inbox SET lease_owner = @owner, lease_until = @until
                WHERE id IN (
                    SELECT id FROM thread_inbox
                    WHERE {Due} AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until < @now)
                    ORDER BY next_attempt_at LIMIT @max {skipLocked})
                RETURNING {ThreadReply.Columns}
                """)
                .With("owner", owner).With("until", now + (long)lease.TotalMilliseconds).With("now", now).With("max", max),
            ThreadReply.Read,
            cancellationToken);
    }

    /// <summary>Writes the worker's view of a row while <paramref name="owner"/> holds it; an ended row loses its text.</summary>
    /// <param name="release">Let go of the row (it waits for a later attempt, or ended).</param>
    public async Task<bool> SaveAsync(ThreadReply reply, string owner, bool release, CancellationToken cancellationToken)
    {
        var update = new SqlStatement(
            $"""
            UPDATE thread_inbox SET message = @message, progress = @progress, state = @state, attempts = @attempts, next_attempt_at = @next,
                last_error = @error, sent_hash = @sentHash, sent_at = @sentAt, updated_at = @now{(release ? ", lease_owner = NULL, lease_until = NULL" : "")}
            WHERE id = @id AND lease_owner = @owner
            """)
            .With("message", reply.IsEnded || reply.Message is null ? null : JsonSerializer.Serialize(reply.Message, SyncJsonContext.Default.ThreadMessage))
            .With("progress", JsonSerializer.Serialize(reply.IsEnded ? ThreadReplyProgress.Empty : reply.Progress, SyncJsonContext.Default.ThreadReplyProgress))
            .With("state", reply.State.ToString()).With("attempts", reply.Attempts).With("next", reply.NextAttemptAt.ToUnixTimeMilliseconds())
            .With("error", reply.LastError).With("sentHash", reply.SentFingerprint).With("sentAt", reply.SentAt?.ToUnixTimeMilliseconds())
            .With("now", Now()).With("id", reply.Id).With("owner", owner);
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        return await session.Connection.ExecuteAsync(update, cancellationToken) == 1;
    }

    /// <summary>Extends a lease before a long step (downloads, add-ticket-reply).</summary>
    public async Task<bool> RenewAsync(string id, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        return await session.Connection.ExecuteAsync(
            new SqlStatement("UPDATE thread_inbox SET lease_until = @until WHERE id = @id AND lease_owner = @owner")
                .With("id", id).With("owner", owner).With("until", Now() + (long)lease.TotalMilliseconds),
            cancellationToken) == 1;
    }

    public async Task ReleaseAllLeasesAsync(CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        await session.Connection.ExecuteAsync("UPDATE thread_inbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL", cancellationToken);
    }

    /// <summary>The replies the bot added to a ticket from chat, as fingerprints: get-ticket shows them back, and they are not staff.</summary>
    public async Task<IReadOnlyList<SentReply>> SentAsync(string submissionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryAsync(
            new SqlStatement("SELECT sent_hash, sent_at FROM thread_inbox WHERE submission_id = @id AND sent_hash IS NOT NULL").With("id", submissionId),
            r => new SentReply(r.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetNullableInteger(1) ?? 0)),
            cancellationToken);
    }

    /// <summary>Whether <paramref name="userId"/> is hearing for the first time that <paramref name="threadKey"/> is not theirs (recorded now).</summary>
    public async Task<bool> FirstHintAsync(string threadKey, string userId, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        return await session.Connection.ExecuteAsync(
            new SqlStatement("INSERT INTO thread_hints (thread_key, user_id, created_at) VALUES (@key, @user, @now) ON CONFLICT DO NOTHING")
                .With("key", threadKey).With("user", userId).With("now", Now()),
            cancellationToken) == 1;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}

public enum ThreadAcceptance
{
    Accepted,
    /// <summary>The same message (or delivery) was stored before.</summary>
    Duplicate,
    /// <summary>No followed ticket has this thread: nothing stored.</summary>
    NotATicketThread,
}
