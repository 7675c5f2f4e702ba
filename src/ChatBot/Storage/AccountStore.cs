using System.Security.Cryptography;
using ChatBot.Keliweb;
using Dapper;
using Microsoft.AspNetCore.DataProtection;

namespace ChatBot.Storage;

/// <summary>
/// The accounts table: one Keliweb customer login per row, held as a refresh token encrypted with Data Protection
/// before it reaches the database (design section 2). The password is never stored.
/// </summary>
public sealed partial class AccountStore(Database database, IDataProtectionProvider protection, TimeProvider time, ILogger<AccountStore> logger)
    : IKeliwebTokenStore
{
    // The purpose isolates these ciphertexts from anything else the app protects; bump the version only with a migration.
    private readonly IDataProtector _protector = protection.CreateProtector("ChatBot.Storage.AccountStore.RefreshToken.v1");

    public async Task<string?> GetRefreshTokenAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var stored = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT refresh_token FROM accounts WHERE id = @accountId", new { accountId }, cancellationToken: cancellationToken));
        if (stored is null)
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(stored);
        }
        catch (CryptographicException)
        {
            // The keys that encrypted it are gone (a new data folder, another application name): only a new login helps.
            LogUnreadableToken(accountId);
            return null;
        }
    }

    /// <summary>
    /// Inserts or replaces the account's token in one statement, and clears "needs login": the login worked. An empty
    /// <paramref name="email"/> keeps the stored one (a refresh grant does not say whose token it was).
    /// </summary>
    public async Task SaveRefreshTokenAsync(string accountId, string email, string refreshToken, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO accounts (id, email, refresh_token, refreshed_at, needs_login, needs_login_reason, created_at, updated_at)
            VALUES (@accountId, @email, @token, @now, 0, NULL, @now, @now)
            ON CONFLICT (id) DO UPDATE SET
                email = CASE WHEN excluded.email = '' THEN accounts.email ELSE excluded.email END, refresh_token = excluded.refresh_token, refreshed_at = excluded.refreshed_at,
                needs_login = 0, needs_login_reason = NULL, updated_at = excluded.updated_at
            """,
            new { accountId, email, token = _protector.Protect(refreshToken), now },
            cancellationToken: cancellationToken));
    }

    /// <summary>Flags the account; creates it (without a token) if unknown, so the flag is never lost.</summary>
    public async Task MarkNeedsLoginAsync(string accountId, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO accounts (id, email, refresh_token, refreshed_at, needs_login, needs_login_reason, created_at, updated_at)
            VALUES (@accountId, '', NULL, NULL, 1, @reason, @now, @now)
            ON CONFLICT (id) DO UPDATE SET needs_login = 1, needs_login_reason = excluded.needs_login_reason, updated_at = excluded.updated_at
            """,
            new { accountId, reason, now },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Creates an account row without a token if none exists (an account named before anyone logged in, e.g. by a link
    /// in configuration). Returns true when it created one. An existing account is left untouched.
    /// </summary>
    public async Task<bool> EnsureExistsAsync(string accountId, string email, string? needsLoginReason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO accounts (id, email, refresh_token, refreshed_at, needs_login, needs_login_reason, created_at, updated_at)
            VALUES (@accountId, @email, NULL, NULL, @needsLogin, @needsLoginReason, @now, @now)
            ON CONFLICT (id) DO NOTHING
            """,
            new { accountId, email, needsLogin = needsLoginReason is null ? 0 : 1, needsLoginReason, now },
            cancellationToken: cancellationToken)) > 0;
    }

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(
            """
            SELECT id AS Id, email AS Email, needs_login AS NeedsLogin, needs_login_reason AS NeedsLoginReason, refreshed_at AS RefreshedAt
            FROM accounts ORDER BY id
            """,
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSummary()).ToList();
    }

    public async Task<AccountRemoval> RemoveAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var links = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM links WHERE account_id = @accountId", new { accountId }, tx, cancellationToken: cancellationToken));
        if (links > 0)
        {
            return AccountRemoval.InUse;
        }

        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM accounts WHERE id = @accountId", new { accountId }, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return removed > 0 ? AccountRemoval.Removed : AccountRemoval.NotFound;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored refresh token of account {AccountId} cannot be decrypted (Data Protection keys lost?); it needs a new login")]
    private partial void LogUnreadableToken(string accountId);

    // Dapper maps columns to settable properties with conversions (SQLite hands back Int64 for every integer column).
    private sealed class AccountRow
    {
        public string Id { get; set; } = "";
        public string Email { get; set; } = "";
        public long NeedsLogin { get; set; }
        public string? NeedsLoginReason { get; set; }
        public long? RefreshedAt { get; set; }

        public AccountSummary ToSummary() => new(
            Id, Email, NeedsLogin != 0, NeedsLoginReason, RefreshedAt is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }
}
