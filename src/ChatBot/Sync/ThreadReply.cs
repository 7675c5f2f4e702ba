using System.Data.Common;
using System.Text.Json;
using ChatBot.Storage;
using ChatBot.Tickets;

namespace ChatBot.Sync;

/// <summary>One row of <c>thread_inbox</c>: a chat message on its way to its ticket.</summary>
/// <param name="Message">What was written; null once the row ended (the text is not kept after its way).</param>
/// <param name="SentFingerprint">What the reply sent to Keliweb said (<see cref="ReplyFingerprint"/>), from the moment it was sent.</param>
public sealed record ThreadReply(
    string Id,
    string SubmissionId,
    ThreadMessage? Message,
    ThreadReplyProgress Progress,
    ThreadReplyState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    string? SentFingerprint,
    DateTimeOffset? SentAt,
    DateTimeOffset CreatedAt)
{
    internal const string Columns = "id, submission_id, message, progress, state, attempts, next_attempt_at, last_error, sent_hash, sent_at, created_at";

    internal static ThreadReply Read(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetNullableString(2) is { } message ? JsonSerializer.Deserialize(message, SyncJsonContext.Default.ThreadMessage) : null,
        r.GetNullableString(3) is { } progress ? JsonSerializer.Deserialize(progress, SyncJsonContext.Default.ThreadReplyProgress) ?? ThreadReplyProgress.Empty : ThreadReplyProgress.Empty,
        Enum.Parse<ThreadReplyState>(r.GetString(4)),
        checked((int)r.GetInteger(5)),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInteger(6)),
        r.GetNullableString(7),
        r.GetNullableString(8),
        r.GetNullableInteger(9) is { } sent ? DateTimeOffset.FromUnixTimeMilliseconds(sent) : null,
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInteger(10)));

    public bool IsEnded => State is not (ThreadReplyState.Accepted or ThreadReplyState.Sending or ThreadReplyState.Sent);
}

/// <summary>
/// Accepted → Sending → Sent → Done; or Hinted/Ignored (not the ticket's people), Failed (Keliweb refused), Uncertain
/// (Keliweb never confirmed, and get-ticket never showed it).
/// </summary>
public enum ThreadReplyState
{
    Accepted,
    /// <summary>Written before add-ticket-reply leaves: found again, get-ticket tells whether the reply is there.</summary>
    Sending,
    /// <summary>On the ticket; the follow-up parts (files that did not fit) and the acknowledgement in chat are left.</summary>
    Sent,
    Done,
    Hinted,
    Ignored,
    Failed,
    Uncertain,
}

/// <summary>The files of a chat reply and how far its parts got.</summary>
/// <param name="ReplyInFlight">The follow-up part being sent when the process last wrote (like <see cref="SubmissionProgress.ReplyInFlight"/>).</param>
/// <param name="Acknowledged">The chat was told the reply reached the ticket.</param>
/// <param name="ReplyAs">Who the reply was sent as, for its follow-up parts.</param>
public sealed record ThreadReplyProgress(List<StagedFile>? Files = null, int? ReplyInFlight = null, bool Acknowledged = false, ReplyAs? ReplyAs = null)
{
    public static ThreadReplyProgress Empty { get; } = new();

    public IReadOnlyList<StagedFile> StagedFiles => Files ?? [];
}
