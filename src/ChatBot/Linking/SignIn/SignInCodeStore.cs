using System.Data.Common;
using ChatBot.Storage;

namespace ChatBot.Linking.SignIn;

/// <summary>
/// The sign_in_codes table, keyed by the code's hash. A code is claimed (<c>busy_until</c>) while its password grant
/// runs, so two posts of one link never both sign in; used, spent and expired rows stay a day to say what happened.
/// </summary>
public sealed class SignInCodeStore(Database database, TimeProvider time)
{
    /// <summary>How long a claim holds: longer than a password grant may take, short enough to retry after a crash.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    private const string Columns =
        "code_hash, platform, team_id, user_id, user_name, team_name, locale, reply_to, may_link_workspace, failed_attempts, used_at, created_at, expires_at";

    public async Task<StoredSignInCode> InsertAsync(string hash, ChatPerson person, bool mayLinkWorkspace, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expires = now + SignInCode.Lifetime;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // Old rows go when new ones come: no sweeper to run, and the table stays as small as a day of links.
        await connection.ExecuteAsync(
            new SqlStatement("DELETE FROM sign_in_codes WHERE expires_at < @before").With("before", (now - KeepFor).ToUnixTimeMilliseconds()),
            cancellationToken,
            tx);
        await connection.ExecuteAsync(
            new SqlStatement(
                """
                INSERT INTO sign_in_codes (code_hash, platform, team_id, user_id, user_name, team_name, locale, reply_to, may_link_workspace,
                                           failed_attempts, created_at, expires_at)
                VALUES (@hash, @platform, @teamId, @userId, @userName, @teamName, @locale, @replyTo, @mayLinkWorkspace, 0, @now, @expires)
                """)
                .With("hash", hash).With("platform", person.Identity.Platform).With("teamId", person.Identity.TeamId)
                .With("userId", person.Identity.UserId).With("userName", person.Name).With("teamName", person.WorkspaceName)
                .With("locale", person.Locale).With("replyTo", person.ReplyTo).With("mayLinkWorkspace", mayLinkWorkspace ? 1 : 0)
                .With("now", now.ToUnixTimeMilliseconds()).With("expires", expires.ToUnixTimeMilliseconds()),
            cancellationToken,
            tx);
        await tx.CommitAsync(cancellationToken);
        return new StoredSignInCode(hash, person, mayLinkWorkspace, 0, null, Trim(now), Trim(expires));
    }

    public async Task<StoredSignInCode?> FindAsync(string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync(
            new SqlStatement($"SELECT {Columns} FROM sign_in_codes WHERE code_hash = @hash").With("hash", hash), Read, cancellationToken);
        return rows is [var row, ..] ? row : null;
    }

    /// <summary>Takes a usable code for one sign-in attempt; false when it is used, spent, expired or another attempt holds it.</summary>
    public async Task<bool> TryClaimAsync(string hash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            new SqlStatement(
                """
                UPDATE sign_in_codes SET busy_until = @until
                WHERE code_hash = @hash AND used_at IS NULL AND failed_attempts < @maxFailures AND expires_at > @now
                  AND (busy_until IS NULL OR busy_until <= @now)
                """)
                .With("hash", hash).With("now", now).With("until", now + (long)ClaimFor.TotalMilliseconds)
                .With("maxFailures", SignInCode.MaxFailedAttempts),
            cancellationToken) == 1;
    }

    /// <summary>Ends a claim without signing in; a wrong password counts. Returns the failed attempts so far.</summary>
    public async Task<int> ReleaseAsync(string hash, bool wrongPassword, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Convert.ToInt32(
            await connection.ScalarAsync(
                new SqlStatement(
                    "UPDATE sign_in_codes SET busy_until = NULL, failed_attempts = failed_attempts + @add WHERE code_hash = @hash RETURNING failed_attempts")
                    .With("hash", hash).With("add", wrongPassword ? 1 : 0),
                cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Marks the code used: it never signs anyone in again.</summary>
    public async Task ConsumeAsync(string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            new SqlStatement("UPDATE sign_in_codes SET used_at = @now, busy_until = NULL WHERE code_hash = @hash AND used_at IS NULL")
                .With("hash", hash).With("now", time.GetUtcNow().ToUnixTimeMilliseconds()),
            cancellationToken);
    }

    private static DateTimeOffset Trim(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    private static StoredSignInCode Read(DbDataReader r) => new(
        r.GetString(0),
        new ChatPerson(new ChatIdentity(r.GetString(1), r.GetString(2), r.GetString(3)), r.GetString(4), r.GetNullableString(5), r.GetString(6), r.GetString(7)),
        r.GetInteger(8) == 1,
        (int)r.GetInteger(9),
        r.GetNullableInteger(10) is { } used ? DateTimeOffset.FromUnixTimeMilliseconds(used) : null,
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInteger(11)),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInteger(12)));
}

/// <summary>One stored code: whom it links, whether they may link the workspace, and how far it has been used.</summary>
public sealed record StoredSignInCode(
    string Hash, ChatPerson Person, bool MayLinkWorkspace, int FailedAttempts, DateTimeOffset? UsedAt, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public SignInCodeState StateAt(DateTimeOffset now) =>
        UsedAt is not null ? SignInCodeState.Used
        : FailedAttempts >= SignInCode.MaxFailedAttempts ? SignInCodeState.Spent
        : ExpiresAt <= now ? SignInCodeState.Expired
        : SignInCodeState.Usable;

    public int TriesLeft => Math.Max(0, SignInCode.MaxFailedAttempts - FailedAttempts);
}

public enum SignInCodeState
{
    Usable,
    Used,
    /// <summary>Five wrong passwords.</summary>
    Spent,
    Expired,
}
