using System.Data.Common;
using ChatBot.Storage;

namespace ChatBot.Teams.Installations;

/// <summary>
/// The <c>teams_installations</c> table: one row per <see cref="InstallationScope"/>. A welcome is <c>due</c> once per
/// installation (the row's primary key makes a repeated or concurrent "added" a no-op, on either provider and across
/// instances), then <c>posted</c> or <c>dropped</c>; a removal marks the row so nothing is posted there until the app is
/// added again, which asks for a new welcome.
/// </summary>
public sealed class TeamsInstallationStore(Database database, TimeProvider time)
{
    public const string WelcomeDue = "due";
    public const string WelcomePosted = "posted";
    public const string WelcomeDropped = "dropped";

    /// <summary>
    /// The bot was added (<c>conversationUpdate</c>): a welcome becomes due unless this installation already has one
    /// (due or done). True when it became due.
    /// </summary>
    public async Task<bool> AddedAsync(InstallationScope scope, WelcomeTarget target, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var session = await database.OpenForWriteAsync(cancellationToken, interactive: true);
        return await session.Connection.ExecuteAsync(
            new SqlStatement(
                """
                INSERT INTO teams_installations (tenant_id, scope_key, conversation_id, personal, service_url, service_url_vouched, locale, welcome, removed, attempts, next_attempt_at, created_at, updated_at)
                VALUES (@tenant, @scope, @conversation, @personal, @serviceUrl, @vouched, @locale, 'due', 0, 0, @now, @now, @now)
                ON CONFLICT (tenant_id, scope_key) DO UPDATE SET
                    conversation_id = excluded.conversation_id, personal = excluded.personal, service_url = excluded.service_url, service_url_vouched = excluded.service_url_vouched,
                    locale = excluded.locale, welcome = 'due', removed = 0, attempts = 0, next_attempt_at = excluded.next_attempt_at,
                    lease_owner = NULL, lease_until = NULL, updated_at = excluded.updated_at
                WHERE teams_installations.removed = 1 OR teams_installations.welcome IS NULL
                """)
                .With("tenant", scope.TenantId).With("scope", scope.Key).With("conversation", target.ConversationId).With("personal", target.Personal ? 1 : 0)
                .With("serviceUrl", target.ServiceUrl).With("vouched", target.ServiceUrlVouched ? 1 : 0).With("locale", target.Locale)
                .With("now", now),
            cancellationToken) > 0;
    }

    /// <summary>
    /// The app was installed (<c>installationUpdate</c> add): posting there is allowed again. A reinstallation after a
    /// removal forgets the old welcome, so the <c>conversationUpdate</c> that comes with it welcomes again.
    /// </summary>
    public async Task InstalledAsync(InstallationScope scope, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken, interactive: true);
        await session.Connection.ExecuteAsync(
            new SqlStatement("UPDATE teams_installations SET removed = 0, welcome = NULL, updated_at = @now WHERE tenant_id = @tenant AND scope_key = @scope AND removed = 1")
                .With("tenant", scope.TenantId).With("scope", scope.Key).With("now", Now()),
            cancellationToken);
    }

    /// <summary>The app was removed: nothing is posted there any more, a welcome still due is dropped. True when one was.</summary>
    public async Task<bool> RemovedAsync(InstallationScope scope, WelcomeTarget target, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var session = await database.OpenForWriteAsync(cancellationToken, interactive: true);
        var connection = session.Connection;
        var welcome = await connection.ScalarAsync(
            new SqlStatement("SELECT welcome FROM teams_installations WHERE tenant_id = @tenant AND scope_key = @scope")
                .With("tenant", scope.TenantId).With("scope", scope.Key),
            cancellationToken) as string;
        await connection.ExecuteAsync(
            new SqlStatement(
                """
                INSERT INTO teams_installations (tenant_id, scope_key, conversation_id, personal, service_url, service_url_vouched, locale, welcome, removed, attempts, next_attempt_at, created_at, updated_at)
                VALUES (@tenant, @scope, @conversation, @personal, @serviceUrl, @vouched, @locale, NULL, 1, 0, @now, @now, @now)
                ON CONFLICT (tenant_id, scope_key) DO UPDATE SET
                    removed = 1, welcome = CASE WHEN teams_installations.welcome = 'due' THEN 'dropped' ELSE teams_installations.welcome END,
                    lease_owner = NULL, lease_until = NULL, updated_at = excluded.updated_at
                """)
                .With("tenant", scope.TenantId).With("scope", scope.Key).With("conversation", target.ConversationId).With("personal", target.Personal ? 1 : 0)
                .With("serviceUrl", target.ServiceUrl).With("vouched", target.ServiceUrlVouched ? 1 : 0).With("locale", target.Locale)
                .With("now", now),
            cancellationToken);
        return welcome == WelcomeDue;
    }

    /// <summary>True when the app was removed from this scope (and not added again).</summary>
    public async Task<bool> IsRemovedAsync(InstallationScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var removed = await connection.ScalarAsync(
            new SqlStatement("SELECT removed FROM teams_installations WHERE tenant_id = @tenant AND scope_key = @scope")
                .With("tenant", scope.TenantId).With("scope", scope.Key),
            cancellationToken);
        return removed is not null && Convert.ToInt64(removed, System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>
    /// Leases up to <paramref name="max"/> due welcomes to <paramref name="owner"/>. Each row is taken by a conditional
    /// update, so two instances never post the same welcome while a lease holds.
    /// </summary>
    public async Task<IReadOnlyList<DueWelcome>> ClaimAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        var connection = session.Connection;
        var candidates = await connection.QueryAsync(
            new SqlStatement(
                """
                SELECT tenant_id, scope_key FROM teams_installations
                WHERE welcome = 'due' AND removed = 0 AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until < @now)
                ORDER BY next_attempt_at LIMIT @max
                """)
                .With("now", now).With("max", max),
            r => new InstallationScope(r.GetString(0), r.GetString(1)),
            cancellationToken);
        var claimed = new List<DueWelcome>(candidates.Count);
        foreach (var scope in candidates)
        {
            var rows = await connection.QueryAsync(
                new SqlStatement(
                    """
                    UPDATE teams_installations SET lease_owner = @owner, lease_until = @until
                    WHERE tenant_id = @tenant AND scope_key = @scope AND welcome = 'due' AND removed = 0 AND (lease_until IS NULL OR lease_until < @now)
                    RETURNING conversation_id, service_url, service_url_vouched, locale, personal, attempts
                    """)
                    .With("owner", owner).With("until", now + (long)lease.TotalMilliseconds).With("tenant", scope.TenantId)
                    .With("scope", scope.Key).With("now", now),
                r => new DueWelcome(
                    scope,
                    new WelcomeTarget(r.GetString(0), r.GetString(1), r.GetInteger(2) == 1, r.GetNullableString(3), r.GetInteger(4) == 1),
                    (int)r.GetInteger(5)),
                cancellationToken);
            claimed.AddRange(rows);
        }

        return claimed;
    }

    /// <summary>Ends a claimed welcome: <see cref="WelcomePosted"/> or <see cref="WelcomeDropped"/>. False when the lease was lost.</summary>
    public Task<bool> FinishAsync(InstallationScope scope, string owner, string outcome, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(
            new SqlStatement("UPDATE teams_installations SET welcome = @outcome, lease_owner = NULL, lease_until = NULL, updated_at = @now WHERE tenant_id = @tenant AND scope_key = @scope AND lease_owner = @owner")
                .With("outcome", outcome),
            scope, owner, cancellationToken);

    /// <summary>Gives a claimed welcome back for another try at <paramref name="next"/>.</summary>
    public Task<bool> RetryAsync(InstallationScope scope, string owner, DateTimeOffset next, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(
            new SqlStatement("UPDATE teams_installations SET attempts = attempts + 1, next_attempt_at = @next, lease_owner = NULL, lease_until = NULL, updated_at = @now WHERE tenant_id = @tenant AND scope_key = @scope AND lease_owner = @owner")
                .With("next", next.ToUnixTimeMilliseconds()),
            scope, owner, cancellationToken);

    private async Task<bool> UpdateLeasedAsync(SqlStatement statement, InstallationScope scope, string owner, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        return await session.Connection.ExecuteAsync(
            statement.With("now", Now()).With("tenant", scope.TenantId).With("scope", scope.Key).With("owner", owner),
            cancellationToken) > 0;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}

/// <summary>Where a welcome goes, and whether a validated token vouched for its connector.</summary>
public sealed record WelcomeTarget(string ConversationId, string ServiceUrl, bool ServiceUrlVouched, string? Locale, bool Personal);

/// <summary>A welcome leased to this process.</summary>
public sealed record DueWelcome(InstallationScope Scope, WelcomeTarget Target, int Attempts);
