using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChatBot.Telemetry;

namespace ChatBot.Keliweb;

/// <summary>
/// <c>chatbot.keliweb.token.grants</c>: token requests by grant (<c>refresh_token</c>, <c>password</c>) and outcome
/// (<c>granted</c>, <c>refused</c>: someone must sign in again, <c>failed</c>: try later, <c>misconfigured</c>: the API keys).
/// </summary>
public sealed class KeliwebMetrics(IMeterFactory meters)
{
    private readonly Counter<long> _grants = meters.Create(ChatBotTelemetry.MeterName)
        .CreateCounter<long>("chatbot.keliweb.token.grants", "{grant}", "Keliweb token requests, by grant type and outcome");

    public void Grant(string grantType, string outcome)
    {
        if (_grants.Enabled)
        {
            _grants.Add(1, new TagList { { "chatbot.keliweb.grant_type", grantType }, { "chatbot.keliweb.outcome", outcome } });
        }
    }
}
