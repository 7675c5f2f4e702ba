using System.Collections.Concurrent;
using ChatBot.Keliweb;

namespace ChatBot.Tests.Keliweb;

/// <summary>The token store seam, in memory, keeping what the provider saved so tests can assert on it.</summary>
public sealed class InMemoryKeliwebTokenStore : IKeliwebTokenStore
{
    private readonly ConcurrentDictionary<string, (string Email, string RefreshToken)> tokens = new();

    public ConcurrentDictionary<string, string> NeedsLogin { get; } = new();

    /// <summary>Every save in order, to check that each rotation was persisted.</summary>
    public ConcurrentQueue<(string AccountId, string Email, string RefreshToken)> Saves { get; } = new();

    public string? RefreshTokenOf(string accountId) => tokens.TryGetValue(accountId, out var stored) ? stored.RefreshToken : null;

    public string? EmailOf(string accountId) => tokens.TryGetValue(accountId, out var stored) ? stored.Email : null;

    public Task<string?> GetRefreshTokenAsync(string accountId, CancellationToken cancellationToken) => Task.FromResult(RefreshTokenOf(accountId));

    public Task SaveRefreshTokenAsync(string accountId, string email, string refreshToken, CancellationToken cancellationToken)
    {
        // An empty email means "unchanged" (IKeliwebTokenStore's contract).
        tokens.AddOrUpdate(accountId, _ => (email, refreshToken), (_, old) => (email.Length > 0 ? email : old.Email, refreshToken));
        Saves.Enqueue((accountId, email, refreshToken));
        NeedsLogin.TryRemove(accountId, out _);
        return Task.CompletedTask;
    }

    public Task MarkNeedsLoginAsync(string accountId, string reason, CancellationToken cancellationToken)
    {
        NeedsLogin[accountId] = reason;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<KeliwebLoginState>> ListLoginsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KeliwebLoginState>>(
            [.. tokens.Keys.Union(NeedsLogin.Keys).Order().Select(id => new KeliwebLoginState(id, NeedsLogin.ContainsKey(id), null))]);
}
