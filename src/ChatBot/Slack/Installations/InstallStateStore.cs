using System.Security.Cryptography;
using System.Text;
using ChatBot.Storage;

namespace ChatBot.Slack.Installations;

/// <summary>
/// The OAuth <c>state</c> of an install (CSRF): random, kept on the server (only its SHA-256), bound to a random cookie
/// the install page set in the same browser (only its SHA-256 too), valid for <see cref="Lifetime"/> and spent by its
/// first use, whatever that use came to. A state alone (a link someone was sent) or a cookie alone is worth nothing.
/// </summary>
public sealed class InstallStateStore(Database database, TimeProvider time)
{
    /// <summary>As long as Slack's authorization code lives: a consent screen left open longer starts again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Unexpired states kept at most: every page load stores one, so a flood of loads must not grow the table without
    /// bound; past this the page asks to come back in a few minutes (real installs are a handful a day).
    /// </summary>
    public const int MaxPending = 10_000;

    /// <summary>A new state and the cookie value it is bound to; null when <see cref="MaxPending"/> are waiting. Expired states are swept on the way.</summary>
    public async Task<(string State, string Cookie)?> CreateAsync(CancellationToken cancellationToken)
    {
        var state = RandomValue();
        var cookie = RandomValue();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var session = await database.OpenForWriteAsync(cancellationToken, interactive: true);
        var connection = session.Connection;
        await connection.ExecuteAsync(new SqlStatement("DELETE FROM slack_install_states WHERE expires_at < @now").With("now", now), cancellationToken);
        var pending = Convert.ToInt64(await connection.ScalarAsync(new SqlStatement("SELECT COUNT(*) FROM slack_install_states"), cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (pending >= MaxPending)
        {
            return null;
        }
        await connection.ExecuteAsync(
            new SqlStatement("INSERT INTO slack_install_states (state_hash, cookie_hash, created_at, expires_at, used_at) VALUES (@state, @cookie, @now, @expires, NULL)")
                .With("state", Hash(state)).With("cookie", Hash(cookie)).With("now", now).With("expires", now + (long)Lifetime.TotalMilliseconds),
            cancellationToken);
        return (state, cookie);
    }

    /// <summary>Spends the state; true only for a known, unused, unexpired state presented with its own cookie.</summary>
    public async Task<bool> ConsumeAsync(string? state, string? cookie, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state) || string.IsNullOrEmpty(cookie) || state.Length > 100 || cookie.Length > 100)
        {
            return false;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var session = await database.OpenForWriteAsync(cancellationToken, interactive: true);
        // One conditional UPDATE: two redirects with the same state cannot both see it unused.
        return await session.Connection.ExecuteAsync(
            new SqlStatement(
                "UPDATE slack_install_states SET used_at = @now WHERE state_hash = @state AND cookie_hash = @cookie AND used_at IS NULL AND expires_at > @now")
                .With("state", Hash(state)).With("cookie", Hash(cookie)).With("now", now),
            cancellationToken) == 1;
    }

    private static string RandomValue() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
