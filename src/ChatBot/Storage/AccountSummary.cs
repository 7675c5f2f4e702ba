namespace ChatBot.Storage;

/// <summary>What an operator may see about a Keliweb account: never its refresh token.</summary>
public sealed record AccountSummary(
    string Id,
    string Email,
    bool NeedsLogin,
    string? NeedsLoginReason,
    DateTimeOffset? RefreshedAt);
