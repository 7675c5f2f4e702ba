using ChatBot.Slack.Payloads;

namespace ChatBot.Slack.WebApi;

// Web API answers: HTTP 200 with ok:false carries the error; only 429 is a meaningful status.

public record SlackApiResponse(bool Ok, string? Error = null)
{
    /// <summary>chat.postMessage's and chat.update's: the message's ts, by which it is found, updated and replied to.</summary>
    public string? Ts { get; init; }
}

public sealed record UsersInfoResponse(bool Ok, string? Error = null, SlackUser? User = null) : SlackApiResponse(Ok, Error);

public sealed record SlackUser(
    string Id,
    string? TeamId = null,
    string? Name = null,
    string? RealName = null,
    string? Locale = null,
    bool? IsBot = null,
    bool? IsEmailConfirmed = null,
    SlackUserProfile? Profile = null,
    bool? IsAdmin = null,
    bool? IsOwner = null,
    bool? IsPrimaryOwner = null)
{
    /// <summary>A workspace admin or owner: may link the whole workspace to a Keliweb account.</summary>
    public bool IsWorkspaceAdmin => IsAdmin == true || IsOwner == true || IsPrimaryOwner == true;
}

public sealed record SlackUserProfile(string? Email = null, string? DisplayName = null, string? RealName = null);

public sealed record FilesInfoResponse(bool Ok, string? Error = null, SlackFile? File = null) : SlackApiResponse(Ok, Error);

public sealed record ConversationsOpenResponse(bool Ok, string? Error = null, SlackChannelRef? Channel = null) : SlackApiResponse(Ok, Error);

public sealed record ViewsOpenResponse(bool Ok, string? Error = null, ViewsOpenView? View = null) : SlackApiResponse(Ok, Error);

public sealed record ViewsOpenView(string Id, string? Hash = null);
