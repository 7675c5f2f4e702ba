using System.Text.Json;
using ChatBot.Slack.WebApi;

namespace ChatBot.Slack.Payloads;

/// <summary>A slash command as Slack posts it (form fields). <c>user_name</c> is deprecated upstream and not read.</summary>
public sealed record SlashCommand(
    string Command,
    string Text,
    string TeamId,
    string? TeamDomain,
    string? EnterpriseId,
    string ChannelId,
    string? ChannelName,
    string UserId,
    string TriggerId,
    string? ResponseUrl,
    bool IsEnterpriseInstall = false)
{
    public SlackWorkspace Workspace => SlackWorkspace.FromPayload(TeamId, EnterpriseId, IsEnterpriseInstall);

    /// <summary>Reads the form; null when a field every command carries is missing.</summary>
    public static SlashCommand? FromForm(IReadOnlyDictionary<string, string> form)
    {
        string? Field(string name) => form.GetValueOrDefault(name);
        var command = Field("command");
        var teamId = Field("team_id");
        var channelId = Field("channel_id");
        var userId = Field("user_id");
        var triggerId = Field("trigger_id");
        if (string.IsNullOrEmpty(command) || string.IsNullOrEmpty(teamId) || string.IsNullOrEmpty(channelId)
            || string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(triggerId))
        {
            return null;
        }

        return new SlashCommand(command, Field("text") ?? "", teamId, Field("team_domain"), Field("enterprise_id"), channelId, Field("channel_name"),
            userId, triggerId, Field("response_url"), Field("is_enterprise_install") == "true");
    }

    /// <summary>
    /// Socket Mode's <c>slash_commands</c> payload: the form's fields as a JSON object. Only string values count (the
    /// first of a repeated name), so a hostile payload can be odd but not a crash; null like <see cref="FromForm"/>.
    /// </summary>
    public static SlashCommand? FromJson(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in payload.EnumerateObject())
        {
            if (field.Value.ValueKind == JsonValueKind.String)
            {
                form.TryAdd(field.Name, field.Value.GetString()!);
            }
        }

        return FromForm(form);
    }
}
