using System.Security.Cryptography;
using ChatBot.Keliweb;
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
        var stored = (string?)await connection.ScalarAsync(
            new SqlStatement("SELECT refresh_token FROM accounts WHERE id = @accountId").With("accountId", accountId), cancellationToken);
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
        await connection.ExecuteAsync(new SqlStatement(
            """
            INSERT INTO accounts (id, email, refresh_token, refreshed_at, needs_login, needs_login_reason, created_at, updated_at)
            VALUES (@accountId, @email, @token, @now, 0, NULL, @now, @now)
            ON CONFLICT (id) DO UPDATE SET
                email = CASE WHEN excluded.email = '' THEN accounts.email ELSE excluded.email END, refresh_token = excluded.refresh_token, refreshed_at = excluded.refreshed_at,
                needs_login = 0, needs_login_reason = NULL, updated_at = excluded.updated_at
            """)
            .With("accountId", accountId).With("email", email).With("token", _protector.Protect(refreshToken)).With("now", now),
            cancellationToken);
    }

    /// <summary>Flags the account; creates it (without a token) if unknown, so the flag is never lost.</summary>
    public async Task MarkNeedsLoginAsync(string accountId, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new SqlStatement(
            """
            INSERT INTO accounts (id, email, refresh_token, refreshed_at, needs_login, needs_login_reason, created_at, updated_at)
            VALUES (@accountId, '', NULL, NULL, 1, @reason, @now, @now)
            ON CONFLICT (id) DO UPDATE SET needs_login = 1, needs_login_reason = excluded.needs_login_reason, updated_at = excluded.updated_at
            """)
            .With("accountId", accountId).With("reason", reason).With("now", now),
            cancellationToken);
    }

    /// <summary>
    /// Creates an account row without a token if none exists (an account named before anyone logged in, e.g. by a link
    /// in configuration). Returns true when it created one. An existing account is left untouched.
    /// </summary>
    public async Task<bool> EnsureExistsAsync(string accountId, string email, string? needsLoginReason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new SqlStatement(
            """
            INSERT INTO accounts (id, email, refresh_token, refreshed_at, needs_login, needs_login_reason, created_at, updated_at)
            VALUES (@accountId, @email, NULL, NULL, @needsLogin, @needsLoginReason, @now, @now)
            ON CONFLICT (id) DO NOTHING
            """)
            .With("accountId", accountId).With("email", email).With("needsLogin", needsLoginReason is null ? 0 : 1)
            .With("needsLoginReason", needsLoginReason).With("now", now),
            cancellationToken) > 0;
    }

    /// <summary>Records who logged the account in with a password (the CLI, the sign-in page), after the login worked.</summary>
    public async Task RecordLoginAsync(string accountId, Provenance login, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            new SqlStatement("UPDATE accounts SET login_source = @source, login_by = @by, login_at = @at WHERE id = @accountId")
                .With("accountId", accountId).With("source", login.SourceName).With("by", login.By).With("at", login.At.ToUnixTimeMilliseconds()),
            cancellationToken);
    }

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryAsync($"SELECT {SummaryColumns} FROM accounts ORDER BY id", ReadSummary, cancellationToken);
    }

    public async Task<AccountSummary?> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync(
            new SqlStatement($"SELECT {SummaryColumns} FROM accounts WHERE id = @accountId").With("accountId", accountId), ReadSummary, cancellationToken))
            is [var found, ..] ? found : null;
    }

    /// <summary>The account logged in with this email (any case), so a second sign-in renews it instead of making another.</summary>
    public async Task<string?> FindIdByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (string?)await connection.ScalarAsync(
            new SqlStatement("SELECT id FROM accounts WHERE lower(email) = lower(@email) ORDER BY created_at LIMIT 1").With("email", email),
            cancellationToken);
    }

    private const string SummaryColumns = "id, email, needs_login, needs_login_reason, refreshed_at, login_source, login_by, login_at";

    private static AccountSummary ReadSummary(System.Data.Common.DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInteger(2) != 0, r.GetNullableString(3),
        r.GetNullableInteger(4) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
        r.GetNullableString(5) is { } source && r.GetNullableInteger(7) is { } at
            ? new Provenance(Provenance.Parse(source), r.GetNullableString(6), DateTimeOffset.FromUnixTimeMilliseconds(at))
            : null);

    async Task<IReadOnlyList<KeliwebLoginState>> IKeliwebTokenStore.ListLoginsAsync(CancellationToken cancellationToken) =>
        [.. (await ListAsync(cancellationToken)).Select(a => new KeliwebLoginState(a.Id, a.NeedsLogin, a.RefreshedAt))];

    public async Task<AccountRemoval> RemoveAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var links = Convert.ToInt64(
            await connection.ScalarAsync(
                new SqlStatement("SELECT COUNT(*) FROM links WHERE account_id = @accountId").With("accountId", accountId), cancellationToken, tx),
            System.Globalization.CultureInfo.InvariantCulture);
        if (links > 0)
        {
            return AccountRemoval.InUse;
        }

        var removed = await connection.ExecuteAsync(
            new SqlStatement("DELETE FROM accounts WHERE id = @accountId").With("accountId", accountId), cancellationToken, tx);
        await tx.CommitAsync(cancellationToken);
        return removed > 0 ? AccountRemoval.Removed : AccountRemoval.NotFound;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored refresh token of account {AccountId} cannot be decrypted (Data Protection keys lost?); it needs a new login")]
    private partial void LogUnreadableToken(string accountId);
}
