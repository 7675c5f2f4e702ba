using ChatBot.Alerts;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Connector;
using ChatBot.Linking;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams;

/// <summary>
/// Operator alerts as proactive messages in a Teams conversation the bot is installed in, through the connector at
/// <c>Alerts:TeamsServiceUrl</c> (which must be a host of <c>Teams:ServiceUrlHosts</c>: the connector token goes nowhere else).
/// </summary>
public sealed class TeamsAlertChannel(TeamsConnectorClient connector, IOptionsMonitor<AlertsOptions> options) : IAlertChannel
{
    public string Platform => ChatPlatforms.Teams;

    public async Task<AlertDelivery> PostAlertAsync(string conversation, string text, CancellationToken cancellationToken)
    {
        var serviceUrl = options.CurrentValue.TeamsServiceUrl.ToString();
        var sent = await connector.SendAsync(serviceUrl, conversation, new OutboundActivity(ActivityTypes.Message, text, null), cancellationToken);
        return sent.Succeeded ? AlertDelivery.Ok
            : AlertDelivery.Failed($"the Teams connector answered {sent.HttpStatus} ({sent.Reason ?? "no reason"}); is the bot installed in that conversation?");
    }
}
