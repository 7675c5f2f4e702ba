namespace ChatBot.Slack.WebApi;

/// <summary>An installation's token had to be refreshed and could not be now (Slack unreachable); a later call may succeed.</summary>
public sealed class SlackTokenUnavailableException(string message) : Exception(message);
