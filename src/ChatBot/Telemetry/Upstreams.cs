namespace ChatBot.Telemetry;

/// <summary>The services the bot calls, as the <c>chatbot.upstream</c> tag names them.</summary>
public static class Upstreams
{
    public const string Keliweb = "keliweb";
    public const string Slack = "slack";
    public const string Teams = "teams";
    public const string Graph = "graph";
}
