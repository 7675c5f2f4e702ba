using ChatBot.Storage;

namespace ChatBot.Sync;

/// <summary>
/// The staff replies the sync posts, one row each (<c>ticket_reply_posts</c>): <see cref="ReplyPostState.Posting"/> is
/// written, under the ticket's lease, before the reply goes to chat, and <see cref="ReplyPostState.Posted"/> once chat
/// took it. A row found still Posting means a crash (or a lost lease) between the two: the platform is asked whether the
/// post is there before anything is posted again.
/// </summary>
public sealed class ReplyPostLog(Database database, TimeProvider time)
{
    public async Task<ReplyPostState?> StateAsync(string submissionId, long replyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ScalarAsync(
            new SqlStatement("SELECT state FROM ticket_reply_posts WHERE submission_id = @id AND reply_id = @reply").With("id", submissionId).With("reply", replyId),
            cancellationToken) is string state ? Enum.Parse<ReplyPostState>(state) : null;
    }

    /// <summary>Marks the reply as going out, only while <paramref name="owner"/> holds the ticket; false when it does not.</summary>
    public async Task<bool> MarkPostingAsync(string submissionId, long replyId, string owner, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        var connection = session.Connection;
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var held = await connection.ExecuteAsync(
            new SqlStatement("UPDATE ticket_sync SET updated_at = @now WHERE submission_id = @id AND lease_owner = @owner")
                .With("id", submissionId).With("owner", owner).With("now", now),
            cancellationToken,
            tx) == 1;
        if (!held)
        {
            return false;
        }

        await connection.ExecuteAsync(
            new SqlStatement(
                """
                INSERT INTO ticket_reply_posts (submission_id, reply_id, state, created_at, updated_at) VALUES (@id, @reply, 'Posting', @now, @now)
                ON CONFLICT (submission_id, reply_id) DO NOTHING
                """).With("id", submissionId).With("reply", replyId).With("now", now),
            cancellationToken,
            tx);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The end of a reply's way: <see cref="ReplyPostState.Posted"/> (with where), or <see cref="ReplyPostState.Failed"/> (with why).</summary>
    public async Task MarkAsync(string submissionId, long replyId, ReplyPostState state, string? location, string? detail, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        await session.Connection.ExecuteAsync(
            new SqlStatement(
                """
                UPDATE ticket_reply_posts SET state = @state, location = @location, detail = @detail, updated_at = @now
                WHERE submission_id = @id AND reply_id = @reply
                """)
                .With("id", submissionId).With("reply", replyId).With("state", state.ToString()).With("location", location)
                .With("detail", detail).With("now", Now()),
            cancellationToken);
    }

    /// <summary>Chat surely did not take the post (a rate limit): the next look posts it as new, with nothing to check.</summary>
    public async Task ForgetAsync(string submissionId, long replyId, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        await session.Connection.ExecuteAsync(
            new SqlStatement("DELETE FROM ticket_reply_posts WHERE submission_id = @id AND reply_id = @reply AND state = 'Posting'")
                .With("id", submissionId).With("reply", replyId),
            cancellationToken);
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}

public enum ReplyPostState
{
    Posting,
    Posted,
    /// <summary>Chat refused it for good (the conversation is gone): not tried again.</summary>
    Failed,
}
