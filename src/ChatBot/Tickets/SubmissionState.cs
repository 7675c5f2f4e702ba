namespace ChatBot.Tickets;

/// <summary>The outbox states. Failed and Uncertain are ends; the user is told about every end.</summary>
public enum SubmissionState
{
    Accepted,
    /// <summary>Persisted before the open-ticket request leaves: a crash after this point cannot be retried blindly.</summary>
    Sending,
    Opened,
    Announced,
    Failed,
    Uncertain,
}
