using System.Text;
using ChatBot.Storage;

namespace ChatBot.Tickets;

/// <summary>The operator's views of the outbox (<c>outbox list</c> with its filters), newest first.</summary>
public sealed class OutboxListing(Database database, TimeProvider time)
{
    public async Task<IReadOnlyList<Submission>> ListAsync(OutboxFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = time.GetUtcNow();
        var where = new StringBuilder("1 = 1");
        var parameters = new List<(string, object?)>();
        for (var i = 0; i < filter.States.Count; i++)
        {
            where.Append(i == 0 ? " AND s.state IN (" : ", ").Append("@state").Append(i);
            parameters.Add(("state" + i, filter.States[i].ToString()));
        }

        if (filter.States.Count > 0)
        {
            where.Append(')');
        }

        if (filter.Platform is { } platform)
        {
            where.Append(" AND s.platform = @platform");
            parameters.Add(("platform", platform));
        }

        if (filter.OlderThan is { } older)
        {
            where.Append(" AND s.created_at <= @olderThan");
            parameters.Add(("olderThan", (now - older).ToUnixTimeMilliseconds()));
        }

        if (filter.NewerThan is { } newer)
        {
            where.Append(" AND s.created_at >= @newerThan");
            parameters.Add(("newerThan", (now - newer).ToUnixTimeMilliseconds()));
        }

        var query = new SqlStatement(
            $"SELECT {SubmissionRow.Columns} FROM submissions s LEFT JOIN tickets t ON t.submission_id = s.id WHERE {where} ORDER BY s.created_at DESC LIMIT @limit");
        foreach (var (name, value) in parameters)
        {
            query.With(name, value);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryAsync(query.With("limit", filter.Limit), SubmissionRow.Read, cancellationToken);
    }
}
