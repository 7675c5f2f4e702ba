namespace ChatBot.Health;

/// <summary>
/// A long-lived connection the bot keeps open itself (Slack's Socket Mode), reported in <c>/healthz/details</c>: an
/// operator behind a firewall has no request log to tell them Slack cannot reach the bot.
/// </summary>
public interface IConnectionHealth
{
    /// <summary>Null when this connection is not configured (nothing to report).</summary>
    ConnectionHealth? Report();
}

/// <param name="Name">What it is, e.g. "Slack Socket Mode".</param>
/// <param name="Open">Connections open now.</param>
/// <param name="Wanted">Connections the settings ask for.</param>
/// <param name="Stopped">Why it gave up and will not reconnect until restarted (a refused token); null while it tries.</param>
public sealed record ConnectionHealth(string Name, int Open, int Wanted, string? Stopped);
