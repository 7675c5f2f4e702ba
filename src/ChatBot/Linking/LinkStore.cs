using System.Collections.Concurrent;
using ChatBot.Storage;

namespace ChatBot.Linking;

/// <summary>
/// The links table. A workspace link stores an empty user id, so one unique constraint covers both kinds.
/// Lookups are cached for <see cref="CacheFor"/>: every accept and every <c>/ticket</c> reads them, operators change them
/// a few times a year. This process's own writes clear the cache at once; the operator commands, another process, are
/// seen within <see cref="CacheFor"/>.
/// </summary>
public sealed class LinkStore(Database database, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    // Far above the chat users a deployment has; reaching it only means starting over.
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<(string Platform, string TeamId, string UserId), CachedLinks> _cache = new();

    private const string Columns = "id, platform, team_id, user_id, account_id, client_id, contact_id, source, made_by, made_at, created_at";

    /// <summary>The user's own link and the workspace link, user link first.</summary>
    public async Task<IReadOnlyList<ChatLink>> FindAsync(string platform, string teamId, string userId, CancellationToken cancellationToken)
    {
        var key = (platform, teamId, userId);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return cached.Links;
        }

        var links = await QueryAsync(platform, teamId, userId, cancellationToken);
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[key] = new CachedLinks(links, now + CacheFor);
        return links;
    }

    private async Task<IReadOnlyList<ChatLink>> QueryAsync(string platform, string teamId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryAsync(
            new SqlStatement($"SELECT {Columns} FROM links WHERE platform = @platform AND team_id = @teamId AND user_id IN (@userId, '') ORDER BY user_id DESC")
                .With("platform", platform).With("teamId", teamId).With("userId", userId),
            Read,
            cancellationToken);
    }

    public async Task<IReadOnlyList<ChatLink>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryAsync($"SELECT {Columns} FROM links ORDER BY platform, team_id, user_id", Read, cancellationToken);
    }

    /// <summary>Adds or replaces the link for (platform, team, user); <paramref name="made"/> says who made it, how, when.</summary>
    public async Task<ChatLink> UpsertAsync(
        string platform, string teamId, string? userId, string accountId, int? clientId, int? contactId, Provenance made, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = Convert.ToInt64(await connection.ScalarAsync(
            new SqlStatement(
            """
            INSERT INTO links (platform, team_id, user_id, account_id, client_id, contact_id, created_at, source, made_by, made_at)
            VALUES (@platform, @teamId, @userId, @accountId, @clientId, @contactId, @now, @source, @madeBy, @madeAt)
            ON CONFLICT (platform, team_id, user_id)
            DO UPDATE SET account_id = excluded.account_id, client_id = excluded.client_id, contact_id = excluded.contact_id,
                source = excluded.source, made_by = excluded.made_by, made_at = excluded.made_at
            RETURNING id
            """)
            .With("platform", platform).With("teamId", teamId).With("userId", userId ?? "").With("accountId", accountId)
            .With("clientId", clientId).With("contactId", contactId).With("now", time.GetUtcNow().ToUnixTimeMilliseconds())
            .With("source", made.SourceName).With("madeBy", made.By).With("madeAt", made.At.ToUnixTimeMilliseconds()),
            cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        _cache.Clear();
        return new ChatLink(id, platform, teamId, userId ?? "", accountId, clientId, contactId, made);
    }

    /// <summary>Removes one user's own link (never the workspace link); false when they had none.</summary>
    public async Task<bool> RemoveUserLinkAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        if (identity.UserId.Length == 0)
        {
            return false;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var removed = await connection.ExecuteAsync(
            new SqlStatement("DELETE FROM links WHERE platform = @platform AND team_id = @teamId AND user_id = @userId")
                .With("platform", identity.Platform).With("teamId", identity.TeamId).With("userId", identity.UserId),
            cancellationToken) > 0;
        _cache.Clear();
        return removed;
    }

    public async Task<bool> RemoveAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var removed = await connection.ExecuteAsync(new SqlStatement("DELETE FROM links WHERE id = @id").With("id", id), cancellationToken) > 0;
        _cache.Clear();
        return removed;
    }

    private sealed record CachedLinks(IReadOnlyList<ChatLink> Links, DateTimeOffset Until);

    private static ChatLink Read(System.Data.Common.DbDataReader r) => new(
        r.GetInteger(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetNullableInt32(5), r.GetNullableInt32(6),
        new Provenance(Provenance.Parse(r.GetString(7)), r.GetNullableString(8), DateTimeOffset.FromUnixTimeMilliseconds(r.GetNullableInteger(9) ?? r.GetInteger(10))));
}
