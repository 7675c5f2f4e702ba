namespace ChatBot.Linking;

/// <summary>
/// Who someone is in chat, as far as links go: the platform, the workspace or tenant, and the user in it. The platforms
/// build it from what they verified; the ticket pipeline's requester carries one.
/// </summary>
/// <param name="Platform">"slack" or "teams" (<see cref="ChatPlatforms"/>).</param>
/// <param name="TeamId">Slack team id or Teams tenant id.</param>
/// <param name="UserId">Slack user id or Teams aadObjectId.</param>
public sealed record ChatIdentity(string Platform, string TeamId, string UserId);

public static class ChatPlatforms
{
    public const string Slack = "slack";
    public const string Teams = "teams";
}
