using ChatBot.Linking;
using ChatBot.Storage;

namespace ChatBot.Tickets;

/// <summary>The tickets a chat user opened through the bot, newest first: for the commands that list them.</summary>
public sealed class RequesterTickets(Database database)
{
    private const string Select =
        $"SELECT {SubmissionRow.Columns} FROM submissions s JOIN tickets t ON t.submission_id = s.id " +
        "WHERE s.platform = @platform AND s.team_id = @team AND s.user_id = @user";

    public async Task<IReadOnlyList<Submission>> LatestAsync(ChatIdentity requester, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryAsync(
            For(requester, Select + " ORDER BY s.created_at DESC LIMIT @limit").With("limit", limit), SubmissionRow.Read, cancellationToken);
    }

    /// <summary>The requester's ticket with this public number; null when they opened none with it through the bot.</summary>
    public async Task<Submission?> FindAsync(ChatIdentity requester, string tid, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = await connection.QueryAsync(
            For(requester, Select + " AND t.tid = @tid ORDER BY s.created_at DESC LIMIT 1").With("tid", tid), SubmissionRow.Read, cancellationToken);
        return found is [var first, ..] ? first : null;
    }

    private static SqlStatement For(ChatIdentity requester, string sql) =>
        new SqlStatement(sql).With("platform", requester.Platform).With("team", requester.TeamId).With("user", requester.UserId);
}
