using System.Data.Common;
using System.Security.Cryptography;
using ChatBot.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace ChatBot.Slack.Installations;

/// <summary>
/// The slack_installations table: each installation with its bot token (and refresh token, with rotation) encrypted
/// with Data Protection before it reaches the database, as the Keliweb logins are. A token refresh is leased in the
/// row itself (<c>refresh_owner</c>, <c>refresh_until</c>), so with several instances on one PostgreSQL database only
/// one spends a refresh token.
/// </summary>
public sealed partial class SlackInstallationStore(Database database, IDataProtectionProvider protection, TimeProvider time, ILogger<SlackInstallationStore> logger)
{
    // The purpose isolates these ciphertexts from anything else the app protects; bump the version only with a migration.
    private readonly IDataProtector _protector = protection.CreateProtector("ChatBot.Slack.Installations.Tokens.v1");

    private const string Columns =
        "id, team_id, team_name, enterprise_id, enterprise_name, is_enterprise_install, app_id, bot_user_id, scopes, installed_by, installed_at, token_expires_at, revoked_at";

    /// <summary>Stores a new installation, or replaces one (a re-install grants a new token): both tokens in one statement.</summary>
    public async Task SaveAsync(SlackInstallation installation, SlackBotToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentNullException.ThrowIfNull(token);
        var now = Now();
        await using var session = await database.OpenForWriteAsync(cancellationToken, interactive: true);
        await session.Connection.ExecuteAsync(
            new SqlStatement(
                """
                INSERT INTO slack_installations (id, team_id, team_name, enterprise_id, enterprise_name, is_enterprise_install, app_id, bot_user_id,
                    scopes, bot_token, refresh_token, token_expires_at, installed_by, installed_at, updated_at, revoked_at, refresh_owner, refresh_until)
                VALUES (@id, @teamId, @teamName, @enterpriseId, @enterpriseName, @enterprise, @appId, @botUserId,
                    @scopes, @botToken, @refreshToken, @expiresAt, @installedBy, @now, @now, NULL, NULL, NULL)
                ON CONFLICT (id) DO UPDATE SET
                    team_id = excluded.team_id, team_name = excluded.team_name, enterprise_id = excluded.enterprise_id,
                    enterprise_name = excluded.enterprise_name, is_enterprise_install = excluded.is_enterprise_install, app_id = excluded.app_id,
                    bot_user_id = excluded.bot_user_id, scopes = excluded.scopes, bot_token = excluded.bot_token, refresh_token = excluded.refresh_token,
                    token_expires_at = excluded.token_expires_at, installed_by = excluded.installed_by, installed_at = excluded.installed_at,
                    updated_at = excluded.updated_at, revoked_at = NULL, refresh_owner = NULL, refresh_until = NULL
                """)
                .With("id", installation.Id).With("teamId", installation.TeamId).With("teamName", installation.TeamName)
                .With("enterpriseId", installation.EnterpriseId).With("enterpriseName", installation.EnterpriseName)
                .With("enterprise", installation.IsEnterpriseInstall ? 1 : 0).With("appId", installation.AppId)
                .With("botUserId", installation.BotUserId).With("scopes", installation.Scopes)
                .With("botToken", _protector.Protect(token.BotToken))
                .With("refreshToken", token.RefreshToken is null ? null : _protector.Protect(token.RefreshToken))
                .With("expiresAt", token.ExpiresAt?.ToUnixTimeMilliseconds()).With("installedBy", installation.InstalledBy).With("now", now),
            cancellationToken);
    }

    /// <summary>The installation's tokens; null when it is not installed, was revoked, or its tokens cannot be decrypted.</summary>
    public async Task<SlackBotToken?> FindTokenAsync(string installationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync(
            new SqlStatement("SELECT bot_token, refresh_token, token_expires_at FROM slack_installations WHERE id = @id AND bot_token IS NOT NULL")
                .With("id", installationId),
            r => (Bot: r.GetString(0), Refresh: r.GetNullableString(1), Expires: r.GetNullableInteger(2)),
            cancellationToken);
        if (rows is not [var row])
        {
            return null;
        }

        try
        {
            return new SlackBotToken(
                _protector.Unprotect(row.Bot), row.Refresh is null ? null : _protector.Unprotect(row.Refresh),
                row.Expires is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
        }
        catch (CryptographicException)
        {
            // The keys that encrypted it are gone (a new data folder, another application name): only a re-install helps.
            LogUnreadableToken(installationId);
            return null;
        }
    }

    public async Task<IReadOnlyList<SlackInstallation>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryAsync(new SqlStatement($"SELECT {Columns} FROM slack_installations ORDER BY installed_at"), Read, cancellationToken);
    }

    /// <summary>Installations with a token (not revoked), for the start-up report; synchronous, as the report is.</summary>
    public int CountInstalled()
    {
        using var connection = database.Open();
        return connection.Query(new SqlStatement("SELECT COUNT(*) FROM slack_installations WHERE bot_token IS NOT NULL"), r => (int)r.GetInteger(0))[0];
    }

    /// <summary>Forgets the installation, row and tokens (the operator's remove). False when there was none.</summary>
    public async Task<bool> RemoveAsync(string installationId, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        return await session.Connection.ExecuteAsync(
            new SqlStatement("DELETE FROM slack_installations WHERE id = @id").With("id", installationId), cancellationToken) == 1;
    }

    /// <summary>Deletes the tokens and keeps who installed it and when, with the time Slack said it ended. False when there were none.</summary>
    public async Task<bool> RevokeAsync(string installationId, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        return await session.Connection.ExecuteAsync(
            new SqlStatement(
                """
                UPDATE slack_installations SET bot_token = NULL, refresh_token = NULL, token_expires_at = NULL, revoked_at = @now, updated_at = @now,
                    refresh_owner = NULL, refresh_until = NULL
                WHERE id = @id AND bot_token IS NOT NULL
                """).With("id", installationId).With("now", Now()),
            cancellationToken) == 1;
    }

    /// <summary>
    /// Takes the refresh lease for the token that expires at <paramref name="expiresAt"/>, if no one holds it: false
    /// when another instance is refreshing, or already has (the expiry changed). The conditional UPDATE is atomic on
    /// both databases (a row lock on PostgreSQL), which is what makes the refresh happen once.
    /// </summary>
    public async Task<bool> TryLeaseRefreshAsync(string installationId, string owner, DateTimeOffset expiresAt, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        return await session.Connection.ExecuteAsync(
            new SqlStatement(
                """
                UPDATE slack_installations SET refresh_owner = @owner, refresh_until = @until
                WHERE id = @id AND refresh_token IS NOT NULL AND token_expires_at = @expiresAt AND (refresh_until IS NULL OR refresh_until < @now)
                """)
                .With("id", installationId).With("owner", owner).With("until", now + (long)lease.TotalMilliseconds)
                .With("expiresAt", expiresAt.ToUnixTimeMilliseconds()).With("now", now),
            cancellationToken) == 1;
    }

    /// <summary>Stores the refreshed pair and ends the lease, in one statement; false when the lease was lost (revoked meanwhile).</summary>
    public async Task<bool> SaveRefreshedAsync(string installationId, string owner, SlackBotToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        return await session.Connection.ExecuteAsync(
            new SqlStatement(
                """
                UPDATE slack_installations SET bot_token = @botToken, refresh_token = @refreshToken, token_expires_at = @expiresAt,
                    refresh_owner = NULL, refresh_until = NULL, updated_at = @now
                WHERE id = @id AND refresh_owner = @owner AND bot_token IS NOT NULL
                """)
                .With("id", installationId).With("owner", owner).With("botToken", _protector.Protect(token.BotToken))
                .With("refreshToken", token.RefreshToken is null ? null : _protector.Protect(token.RefreshToken))
                .With("expiresAt", token.ExpiresAt?.ToUnixTimeMilliseconds()).With("now", Now()),
            cancellationToken) == 1;
    }

    public async Task ReleaseLeaseAsync(string installationId, string owner, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForWriteAsync(cancellationToken);
        await session.Connection.ExecuteAsync(
            new SqlStatement("UPDATE slack_installations SET refresh_owner = NULL, refresh_until = NULL WHERE id = @id AND refresh_owner = @owner")
                .With("id", installationId).With("owner", owner),
            cancellationToken);
    }

    private static SlackInstallation Read(DbDataReader r) => new(
        r.GetString(0), r.GetNullableString(1), r.GetNullableString(2), r.GetNullableString(3), r.GetNullableString(4), r.GetInteger(5) == 1,
        r.GetNullableString(6), r.GetString(7), r.GetString(8), r.GetNullableString(9), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInteger(10)),
        r.GetNullableInteger(11) is { } expires ? DateTimeOffset.FromUnixTimeMilliseconds(expires) : null,
        r.GetNullableInteger(12) is { } revoked ? DateTimeOffset.FromUnixTimeMilliseconds(revoked) : null);

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored token of Slack installation {InstallationId} cannot be decrypted (Data Protection keys lost?); the workspace must install the app again")]
    private partial void LogUnreadableToken(string installationId);
}
