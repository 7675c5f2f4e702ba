namespace ChatBot.Keliweb;

/// <summary>
/// Where account refresh tokens live (encrypted at rest by the storage that implements this).
/// A seam so the token logic is testable without a database.
/// </summary>
public interface IKeliwebTokenStore
{
    Task<string?> GetRefreshTokenAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the stored refresh token atomically (Keliweb rotates it on every use). A refresh grant does not tell
    /// whose token it was, so <paramref name="email"/> is empty when the caller does not know it: keep the stored one.
    /// </summary>
    Task SaveRefreshTokenAsync(string accountId, string email, string refreshToken, CancellationToken cancellationToken);

    Task MarkNeedsLoginAsync(string accountId, string reason, CancellationToken cancellationToken);

    /// <summary>Every stored account and how fresh its login is, for <see cref="KeliwebAccountKeeper"/>.</summary>
    Task<IReadOnlyList<KeliwebLoginState>> ListLoginsAsync(CancellationToken cancellationToken);
}

/// <summary>An account as the keeper sees it: whether it needs a new login, and when its refresh token was last renewed.</summary>
public sealed record KeliwebLoginState(string AccountId, bool NeedsLogin, DateTimeOffset? RefreshedAt);
