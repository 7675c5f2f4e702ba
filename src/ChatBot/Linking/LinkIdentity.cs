using System.Text.RegularExpressions;

namespace ChatBot.Linking;

/// <summary>
/// What the ids of a link look like on each platform, so a link that can never match (a workspace URL, an email) is
/// refused when it is made instead of silently ignored forever. Slack: team <c>T…</c> (or an Enterprise Grid org
/// <c>E…</c>), user <c>U…</c> or <c>W…</c>, upper-case letters and digits. Teams: the tenant id and the user's
/// <c>aadObjectId</c>, both GUIDs.
/// </summary>
public static partial class LinkIdentity
{
    /// <summary>Why the team id cannot be one of <paramref name="platform"/>'s, or null when it can.</summary>
    public static string? TeamProblem(string platform, string teamId) => platform.ToLowerInvariant() switch
    {
        ChatPlatforms.Slack when !SlackTeam().IsMatch(teamId) =>
            $"'{teamId}' is not a Slack team id (T… or E…, e.g. T0123456789; it is in the workspace's URLs and in auth.test).",
        ChatPlatforms.Teams when !Guid.TryParse(teamId, out _) =>
            $"'{teamId}' is not a Microsoft Entra tenant id (a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47).",
        _ => null,
    };

    /// <summary>Why the user id cannot be one of <paramref name="platform"/>'s, or null when it can (or is empty: a workspace link).</summary>
    public static string? UserProblem(string platform, string? userId) => string.IsNullOrEmpty(userId) ? null : platform.ToLowerInvariant() switch
    {
        ChatPlatforms.Slack when !SlackUser().IsMatch(userId) =>
            $"'{userId}' is not a Slack user id (U… or W…, e.g. U0123456789; in the user's profile: More, Copy member ID).",
        ChatPlatforms.Teams when !Guid.TryParse(userId, out _) =>
            $"'{userId}' is not a Teams user's aadObjectId (a GUID; Microsoft Entra ID, Users, Object ID).",
        _ => null,
    };

    [GeneratedRegex("^[TE][A-Z0-9]{2,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlackTeam();

    [GeneratedRegex("^[UW][A-Z0-9]{2,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlackUser();
}
