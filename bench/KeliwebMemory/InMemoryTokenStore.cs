using System.Collections.Concurrent;
using ChatBot.Keliweb;

namespace KeliwebMemory;

/// <summary>The benchmark needs a token store but no database.</summary>
internal sealed class InMemoryTokenStore : IKeliwebTokenStore
{
    private readonly ConcurrentDictionary<string, string> tokens = new();

    public Task<string?> GetRefreshTokenAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult(tokens.TryGetValue(accountId, out var token) ? token : null);

    public Task SaveRefreshTokenAsync(string accountId, string email, string refreshToken, CancellationToken cancellationToken)
    {
        tokens[accountId] = refreshToken;
        return Task.CompletedTask;
    }

    public Task MarkNeedsLoginAsync(string accountId, string reason, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<KeliwebLoginState>> ListLoginsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KeliwebLoginState>>([.. tokens.Keys.Select(id => new KeliwebLoginState(id, false, null))]);
}
