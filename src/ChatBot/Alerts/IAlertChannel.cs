namespace ChatBot.Alerts;

/// <summary>
/// Posts an operator alert into one conversation of a chat platform. Slack and Teams each implement it; a seam of its
/// own, apart from the ticket pipeline's <c>IChatChannel</c>, so that every feature (the pipeline, the Keliweb tokens,
/// the sync worker) can raise alerts without the alerts depending on them.
/// </summary>
public interface IAlertChannel
{
    /// <summary><see cref="AlertPlatforms.Slack"/> or <see cref="AlertPlatforms.Teams"/>.</summary>
    string Platform { get; }

    /// <summary>Posts <paramref name="text"/> (plain text, already localized) to <paramref name="conversation"/>. Never throws for remote failures.</summary>
    Task<AlertDelivery> PostAlertAsync(string conversation, string text, CancellationToken cancellationToken);
}

/// <summary>Whether an alert reached its conversation, and if not, why (for the log and <c>alerts test</c>).</summary>
public sealed record AlertDelivery(bool Posted, string? Reason = null)
{
    public static readonly AlertDelivery Ok = new(true);

    public static AlertDelivery Failed(string reason) => new(false, reason);
}
