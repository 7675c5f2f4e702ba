namespace ChatBot.Alerts;

/// <summary>The platforms an operator channel can be on; the same names as the chat platforms.</summary>
public static class AlertPlatforms
{
    public const string Slack = "slack";
    public const string Teams = "teams";
}
