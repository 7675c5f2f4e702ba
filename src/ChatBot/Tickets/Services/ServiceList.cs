namespace ChatBot.Tickets.Services;

/// <summary>
/// An account's services as far as the bot knows them. <see cref="Known"/> is false when they were never loaded (or
/// so long ago that they no longer count) and Keliweb did not answer in time: then a form offers nothing and a
/// submission goes without a service rather than wait.
/// </summary>
public sealed record ServiceList(IReadOnlyList<AccountService> Items, bool Known, DateTimeOffset? LoadedAt)
{
    public static readonly ServiceList Unknown = new([], false, null);

    /// <summary>Known and not empty: the only case in which a department may insist on a service.</summary>
    public bool HasServices => Known && Items.Count > 0;

    public AccountService? Find(int id) => Items.FirstOrDefault(s => s.Id == id);

    /// <summary>The services matching the typed text, current ones first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<AccountService> Search(string? query, int max) =>
        Items.Where(s => s.Matches(query)).OrderBy(s => s.IsCurrent ? 0 : 1).Take(max).ToList();
}
