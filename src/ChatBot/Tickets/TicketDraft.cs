using System.Text.Json.Serialization;
using ChatBot.Linking;
using ChatBot.Linking.SignIn;

namespace ChatBot.Tickets;

/// <summary>
/// A ticket as a chat platform hands it to the pipeline: what to open, for whom, and where to answer.
/// Nothing here is platform-specific; <see cref="ReplyTo"/> and <see cref="FileReference.Locator"/> are opaque
/// strings that only the channel which made them reads back.
/// </summary>
public sealed record TicketDraft(
    int DepartmentId,
    string Subject,
    string Message,
    TicketPriority Priority,
    int? ServiceId,
    int? DomainId,
    IReadOnlyDictionary<int, string> CustomFields,
    IReadOnlyList<FileReference> Files,
    Requester Requester,
    string ReplyTo);

/// <summary>A file the requester chose in chat; the channel that made it resolves <see cref="Locator"/>.</summary>
/// <param name="Name">File name as shown in chat, used for the attachment and the extension check.</param>
/// <param name="Size">Size in bytes when the platform told us; null when unknown until download.</param>
/// <param name="Locator">Channel-owned, opaque (an id, a URL, a small JSON document).</param>
/// <param name="UnavailableReason">Set when the channel already knows it cannot fetch this file (Teams channel files without Graph).</param>
public sealed record FileReference(string Name, long? Size, string Locator, string? UnavailableReason = null);

/// <summary>The chat identity behind a submission.</summary>
/// <param name="Platform">"slack" or "teams" (<see cref="ChatPlatforms"/>).</param>
/// <param name="TenantId">Slack team id or Teams tenant id.</param>
/// <param name="UserId">Slack user id or Teams aadObjectId.</param>
/// <param name="Email">Verified email from the platform profile, if any.</param>
/// <param name="Locale">BCP-47 locale such as "it-IT"; picks English or Italian.</param>
/// <param name="WorkspaceName">The Slack workspace's domain, when the platform said; shown on the sign-in page.</param>
public sealed record Requester(string Platform, string TenantId, string UserId, string DisplayName, string? Email, string Locale, string? WorkspaceName = null)
{
    /// <summary>
    /// The app installation the platform delivered the request through (Slack: the workspace, or the organization of an
    /// org-wide install), whose credentials answer it; opaque here, set and read by the channel. Null on platforms with
    /// one installation and on rows from before it was recorded.
    /// </summary>
    public string? Installation { get; init; }

    /// <summary>The identity links are resolved for.</summary>
    [JsonIgnore]
    public ChatIdentity Identity => new(Platform, TenantId, UserId);

    /// <summary>This requester as sign-in sees them; <paramref name="replyTo"/> is where the conversation is (as in <see cref="TicketDraft.ReplyTo"/>).</summary>
    public ChatPerson Person(string replyTo) => new(Identity, DisplayName, WorkspaceName, Locale, replyTo);
}
