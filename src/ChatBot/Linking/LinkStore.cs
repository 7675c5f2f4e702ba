using ChatBot.Storage;
using Dapper;

namespace ChatBot.Linking;

/// <summary>The links table. A workspace link stores an empty user id, so one unique constraint covers both kinds.</summary>
public sealed class LinkStore(Database database, TimeProvider time)
{
    private const string Columns =
        "id AS Id, platform AS Platform, team_id AS TeamId, user_id AS UserId, account_id AS AccountId, client_id AS ClientId, contact_id AS ContactId";

    /// <summary>The user's own link and the workspace link, user link first.</summary>
    public async Task<IReadOnlyList<ChatLink>> FindAsync(string platform, string teamId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<LinkRow>(new CommandDefinition(
            $"SELECT {Columns} FROM links WHERE platform = @platform AND team_id = @teamId AND user_id IN (@userId, '') ORDER BY user_id DESC",
            new { platform, teamId, userId },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToLink()).ToList();
    }

    public async Task<IReadOnlyList<ChatLink>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<LinkRow>(new CommandDefinition(
            $"SELECT {Columns} FROM links ORDER BY platform, team_id, user_id", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToLink()).ToList();
    }

    /// <summary>Adds or replaces the link for (platform, team, user).</summary>
    public async Task<ChatLink> UpsertAsync(
        string platform, string teamId, string? userId, string accountId, int? clientId, int? contactId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO links (platform, team_id, user_id, account_id, client_id, contact_id, created_at)
            VALUES (@platform, @teamId, @userId, @accountId, @clientId, @contactId, @now)
            ON CONFLICT (platform, team_id, user_id)
            DO UPDATE SET account_id = excluded.account_id, client_id = excluded.client_id, contact_id = excluded.contact_id
            RETURNING id
            """,
            new { platform, teamId, userId = userId ?? "", accountId, clientId, contactId, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return new ChatLink(id, platform, teamId, userId ?? "", accountId, clientId, contactId);
    }

    public async Task<bool> RemoveAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM links WHERE id = @id", new { id }, cancellationToken: cancellationToken)) > 0;
    }

    // Dapper maps a record only through a constructor whose types match the reader's exactly, and SQLite reads every
    // integer column as Int64; settable properties get Dapper's conversions on both providers.
    private sealed class LinkRow
    {
        public long Id { get; set; }
        public string Platform { get; set; } = "";
        public string TeamId { get; set; } = "";
        public string UserId { get; set; } = "";
        public string AccountId { get; set; } = "";
        public int? ClientId { get; set; }
        public int? ContactId { get; set; }

        public ChatLink ToLink() => new(Id, Platform, TeamId, UserId, AccountId, ClientId, ContactId);
    }
}
