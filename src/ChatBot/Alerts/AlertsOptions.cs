namespace ChatBot.Alerts;

/// <summary>The "Alerts" configuration section: where the operator hears that something needs them.</summary>
public sealed class AlertsOptions
{
    public const string SectionName = "Alerts";

    public const string DefaultTeamsServiceUrl = "https://smba.trafficmanager.net/teams/";

    /// <summary><c>slack</c> or <c>teams</c>; empty (the default) sends no alerts (they are still logged).</summary>
    public string? Platform { get; set; }

    /// <summary>Slack: the channel id (C…, G…; the bot must be in it). Teams: the conversation id (19:…@thread.tacv2, or a chat's).</summary>
    public string? Conversation { get; set; }

    /// <summary>Slack in "Add to Slack" mode only: the team id (T…) of the workspace <see cref="Conversation"/> is in.</summary>
    public string? SlackTeam { get; set; }

    /// <summary>Teams only: the connector for <see cref="Conversation"/>; the public global one serves proactive messages everywhere.</summary>
    public Uri TeamsServiceUrl { get; set; } = new(DefaultTeamsServiceUrl);

    /// <summary><c>en</c> or <c>it</c>: the language of the alerts.</summary>
    public string Culture { get; set; } = "en";

    /// <summary>Alerts of one kind go out at most once per interval; the ones held back are summed up in the next.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long Keliweb must have been unreachable (as the worker sees it) before the operator is told.</summary>
    public TimeSpan KeliwebDownAfter { get; set; } = TimeSpan.FromMinutes(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(Platform);
}
