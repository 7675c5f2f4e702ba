namespace ChatBot.Storage;

/// <summary>What an operator may see about a Keliweb account: never its refresh token.</summary>
/// <param name="Login">Who logged it in last with a password, how and when; null before the first such login.</param>
public sealed record AccountSummary(
    string Id,
    string Email,
    bool NeedsLogin,
    string? NeedsLoginReason,
    DateTimeOffset? RefreshedAt,
    Provenance? Login = null);
