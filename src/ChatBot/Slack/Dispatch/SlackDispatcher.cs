using System.Text.Json;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Installations;
using ChatBot.Slack.Localization;
using ChatBot.Slack.Options;
using ChatBot.Slack.Payloads;
using ChatBot.Slack.Views;

namespace ChatBot.Slack.Dispatch;

/// <summary>
/// The one dispatch after the transport: the HTTP endpoints and Socket Mode hand over a verified, parsed payload, and
/// this finds the handler for its key and turns what goes wrong into the acknowledgement Slack expects. Unknown keys
/// get the plain acknowledgement (Slack shows nothing; an app-level error would only confuse the user). A payload from
/// a workspace that has not installed the app reaches no handler (<see cref="InstallationGate"/>). A handler's
/// JsonException (a payload part it found malformed) goes back to the transport, which refuses the payload as such.
/// </summary>
public sealed partial class SlackDispatcher(SlackHandlerRegistry registry, InstallationGate installations, ILogger<SlackDispatcher> logger)
{
    /// <param name="services">The request's (or the envelope's) scope, where handlers are resolved.</param>
    public async Task<SlackAck> CommandAsync(SlashCommand command, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!await installations.AdmitsAsync(command, cancellationToken))
        {
            return SlackAck.NotInstalled;
        }

        var handler = registry.Find<SlashCommand>(command.Command, services);
        if (handler is null)
        {
            LogUnknown(logger, "command", command.Command);
            return SlackAck.Empty;
        }

        try
        {
            return await handler.HandleAsync(command, cancellationToken);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or JsonException))
        {
            // A command must still be answered with words, or the user sees "operation_timeout" and tries again blindly.
            LogHandlerFailed(logger, command.Command, command.TeamId, command.UserId, ex);
            return SlackAck.Json(StatusViews.Ephemeral(SlackTexts.English.SomethingWentWrong + "\n" + SlackTexts.Italian.SomethingWentWrong));
        }
    }

    /// <param name="interaction">What <see cref="SlackInteraction.Read"/> returned.</param>
    public async Task<SlackAck> InteractionAsync(object interaction, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (!await installations.AdmitsAsync(interaction, cancellationToken))
        {
            return SlackAck.NotInstalled;
        }

        return interaction switch
        {
            MessageActionPayload p => await DispatchAsync(p, p.CallbackId, services, cancellationToken),
            ViewSubmissionPayload p => await DispatchAsync(p, p.View.CallbackId ?? "", services, cancellationToken),
            BlockActionsPayload p => await DispatchAsync(p, p.Actions.Count > 0 ? p.Actions[0].ActionId : "", services, cancellationToken),
            BlockSuggestionPayload p => await DispatchAsync(p, p.ActionId, services, cancellationToken),
            _ => SlackAck.Empty,
        };
    }

    /// <summary>An <c>event_callback</c>, to the handler registered for its event's type; the rest is logged and acknowledged.</summary>
    public async Task<SlackAck> EventAsync(EventEnvelope envelope, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope is not { Type: "event_callback", EventType: { } eventType })
        {
            return SlackAck.Empty;
        }

        LogEvent(logger, eventType, envelope.TeamId ?? "", envelope.EventId ?? "");
        if (registry.Find<EventEnvelope>(eventType, services) is null)
        {
            return SlackAck.Empty;
        }

        return await installations.AdmitsAsync(envelope, cancellationToken)
            ? await DispatchAsync(envelope, eventType, services, cancellationToken)
            : SlackAck.NotInstalled;
    }

    private async Task<SlackAck> DispatchAsync<TPayload>(TPayload payload, string key, IServiceProvider services, CancellationToken cancellationToken)
    {
        var handler = registry.Find<TPayload>(key, services);
        if (handler is null)
        {
            LogUnknown(logger, typeof(TPayload).Name, key);
            return SlackAck.Empty;
        }

        try
        {
            return await handler.HandleAsync(payload, cancellationToken);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or JsonException))
        {
            LogHandlerFailed(logger, key, "", "", ex);
            return SlackAck.Refused;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Kind} '{Key}' has no handler; acknowledged and ignored")]
    private static partial void LogUnknown(ILogger logger, string kind, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack handler for '{Key}' failed (team {TeamId}, user {UserId})")]
    private static partial void LogHandlerFailed(ILogger logger, string key, string teamId, string userId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack event {EventType} from team {TeamId} ({EventId})")]
    private static partial void LogEvent(ILogger logger, string eventType, string teamId, string eventId);
}
