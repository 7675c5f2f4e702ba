using ChatBot.Slack.Payloads;

namespace ChatBot.Slack.WebApi;

// Web API answers: HTTP 200 with ok:false carries the error; only 429 is a meaningful status.

public record SlackApiResponse(bool Ok, string? Error);

public sealed record UsersInfoResponse(bool Ok, string? Error, SlackUser? User) : SlackApiResponse(Ok, Error);

public sealed record SlackUser(string Id, string? TeamId, string? Name, string? RealName, string? Locale, bool? IsBot, bool? IsEmailConfirmed, SlackUserProfile? Profile);

public sealed record SlackUserProfile(string? Email, string? DisplayName, string? RealName);

public sealed record FilesInfoResponse(bool Ok, string? Error, SlackFile? File) : SlackApiResponse(Ok, Error);

public sealed record ConversationsOpenResponse(bool Ok, string? Error, SlackChannelRef? Channel) : SlackApiResponse(Ok, Error);

public sealed record ViewsOpenResponse(bool Ok, string? Error, ViewsOpenView? View) : SlackApiResponse(Ok, Error);

public sealed record ViewsOpenView(string Id);
