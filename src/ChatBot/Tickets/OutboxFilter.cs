namespace ChatBot.Tickets;

/// <summary>What <c>outbox list</c> narrows to: states, a platform, and an age range (by when the submission was accepted).</summary>
public sealed record OutboxFilter(
    IReadOnlyList<SubmissionState> States,
    string? Platform,
    TimeSpan? OlderThan,
    TimeSpan? NewerThan,
    int Limit)
{
    public static OutboxFilter Recent(int limit) => new([], null, null, null, limit);
}
