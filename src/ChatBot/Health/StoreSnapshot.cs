namespace ChatBot.Health;

/// <summary>
/// What the store says about the pipeline at one moment: submissions not yet ended (by state; "NoticeDue" for ended ones
/// whose notice still has to go out), the age of the oldest, the ones that ended badly in the last hour, and the accounts
/// that need a new sign-in. The same on every instance that shares the store.
/// </summary>
public sealed record StoreSnapshot(
    IReadOnlyDictionary<string, long> Waiting,
    TimeSpan? OldestWaitingAge,
    long FailedLastHour,
    long UncertainLastHour,
    IReadOnlyList<string> AccountsNeedingSignIn,
    DateTimeOffset TakenAt)
{
    public const string NoticeDue = "NoticeDue";

    public long WaitingTotal => Waiting.Values.Sum();
}
