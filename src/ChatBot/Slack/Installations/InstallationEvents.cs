using System.Text.Json;
using ChatBot.Linking;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Installations;

/// <summary>
/// <c>app_uninstalled</c> and <c>tokens_revoked</c> (of the bot token): the installation's tokens are deleted at once, so
/// no call is made with them afterwards, and its submissions not yet sent end as Failed instead of waiting for a
/// workspace that is gone. Slack may send both, in any order, and retries: doing it twice changes nothing.
/// </summary>
public sealed partial class InstallationEvents(
    SlackInstallationStore store, TicketOutbox outbox, IOptionsMonitor<SlackOptions> options, ILogger<InstallationEvents> logger)
{
    public const string Uninstalled = "app_uninstalled";
    public const string TokensRevoked = "tokens_revoked";

    /// <summary>Handles the event when it is one of these two; false for any other (the caller's to handle). Throws JsonException for a malformed one.</summary>
    public async Task<bool> TryHandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var envelope = JsonSerializer.Deserialize(body.Span, InstallationsJsonContext.Default.InstallationEvent);
        if (envelope is not { Type: "event_callback", EventType: Uninstalled or TokensRevoked, Event: { } raw })
        {
            return false;
        }

        var e = raw.Deserialize(InstallationsJsonContext.Default.InstallationEventBody) ?? throw new JsonException("null event");

        if (e.Type == TokensRevoked && e.Tokens?.Bot is not { Count: > 0 })
        {
            // Only user tokens went; the bot asked for none, and its own token still works.
            return true;
        }

        if (envelope.InstallationId is not { Length: > 0 } installation)
        {
            throw new JsonException("The event names no team.");
        }

        if (!options.CurrentValue.IsMultiWorkspace)
        {
            // One configured token: there is no stored installation to delete; the operator must install the app again.
            LogConfiguredTokenGone(installation, e.Type!);
            return true;
        }

        var revoked = await store.RevokeAsync(installation, cancellationToken);
        var ended = await outbox.EndForInstallationAsync(
            ChatPlatforms.Slack, installation, "the Slack app was uninstalled from the workspace (or its token revoked) before the ticket was opened", cancellationToken);
        LogRevoked(installation, e.Type!, revoked, ended);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack workspace {InstallationId}: {EventType}; Slack:BotToken no longer works: install the app again and set the new token")]
    private partial void LogConfiguredTokenGone(string installationId, string eventType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack installation {InstallationId}: {EventType}; tokens deleted: {Revoked}; waiting submissions ended as failed: {Ended}")]
    private partial void LogRevoked(string installationId, string eventType, bool revoked, int ended);
}
