namespace ChatBot.Keliweb;

/// <summary>One account's cached access token and the gate that lets one caller at a time renew it.</summary>
internal sealed class KeliwebAccountTokens
{
    private CachedToken? current;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The login email when this process knows it (from a password grant).</summary>
    public string? Email { get; set; }

    public KeliwebAccessToken? ValidAt(DateTimeOffset now) =>
        Volatile.Read(ref current) is { } cached && now < cached.RenewAt ? cached.Token : null;

    public void Remember(KeliwebAccessToken token, DateTimeOffset renewAt) => Volatile.Write(ref current, new CachedToken(token, renewAt));

    /// <summary>Forgets <paramref name="rejected"/> only if it is still the cached one: a newer token stays.</summary>
    public void Forget(KeliwebAccessToken rejected)
    {
        var cached = Volatile.Read(ref current);
        if (cached is not null && cached.Token == rejected)
        {
            Interlocked.CompareExchange(ref current, null, cached);
        }
    }

    private sealed record CachedToken(KeliwebAccessToken Token, DateTimeOffset RenewAt);
}
