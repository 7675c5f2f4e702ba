namespace ChatBot.Tickets;

/// <summary>
/// The outbox states. Announced, Failed, Uncertain and Unannounced are ends; the user is told about every end but
/// Unannounced, which is the one the operator must hear about.
/// </summary>
public enum SubmissionState
{
    Accepted,
    /// <summary>Persisted before the open-ticket request leaves: a crash after this point cannot be retried blindly.</summary>
    Sending,
    Opened,
    /// <summary>The ticket is open and its requester was told.</summary>
    Announced,
    Failed,
    Uncertain,
    /// <summary>The ticket is open, but chat took none of its notice (refused, or down past Tickets:MaxRetryAge).</summary>
    Unannounced,
}
