using System.Text.Json;
using ChatBot.Linking;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Payloads;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Installations;

/// <summary>
/// <c>app_uninstalled</c> and <c>tokens_revoked</c> (of the bot token), over either transport: the installation's tokens
/// are deleted at once, so no call is made with them afterwards, and its submissions not yet sent end as Failed instead
/// of waiting for a workspace that is gone. Slack may send both, in any order, and retries: doing it twice changes
/// nothing. A malformed event is a JsonException (HTTP 400, an empty ack over the socket).
/// </summary>
public sealed partial class UninstallHandler(
    SlackInstallationStore store, TicketOutbox outbox, IOptionsMonitor<SlackOptions> options, ILogger<UninstallHandler> logger)
    : ISlackHandler<EventEnvelope>
{
    public const string Uninstalled = "app_uninstalled";
    public const string TokensRevoked = "tokens_revoked";

    public async Task<SlackAck> HandleAsync(EventEnvelope payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var e = payload.Event?.Deserialize(InstallationsJsonContext.Default.InstallationEventBody) ?? throw new JsonException("null event");
        var type = e.Type ?? "";

        if (type == TokensRevoked && e.Tokens?.Bot is not { Count: > 0 })
        {
            // Only user tokens went; the bot asked for none, and its own token still works.
            return SlackAck.Empty;
        }

        if (payload.Workspace?.InstallationId is not { } installation)
        {
            throw new JsonException("The event names no team.");
        }

        if (!options.CurrentValue.IsMultiWorkspace)
        {
            // One configured token: there is no stored installation to delete; the operator must install the app again.
            LogConfiguredTokenGone(installation, type);
            return SlackAck.Empty;
        }

        var revoked = await store.RevokeAsync(installation, cancellationToken);
        var ended = await outbox.EndForInstallationAsync(
            ChatPlatforms.Slack, installation, "the Slack app was uninstalled from the workspace (or its token revoked) before the ticket was opened", cancellationToken);
        LogRevoked(installation, type, revoked, ended);
        return SlackAck.Empty;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack workspace {InstallationId}: {EventType}; Slack:BotToken no longer works: install the app again and set the new token")]
    private partial void LogConfiguredTokenGone(string installationId, string eventType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack installation {InstallationId}: {EventType}; tokens deleted: {Revoked}; waiting submissions ended as failed: {Ended}")]
    private partial void LogRevoked(string installationId, string eventType, bool revoked, int ended);
}
