using System.Text.Json;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Cards;
using ChatBot.Teams.Handlers;

namespace ChatBot.Teams.Endpoint;

/// <summary>
/// Routes a validated activity to its one handler: invokes by <c>name</c> (unknown ones get 501, as in
/// microsoft/teams.net), messages by what they carry, other activities by their type. Built at start, where a
/// duplicate key throws.
/// </summary>
public sealed partial class TeamsActivityDispatcher
{
    private readonly Dictionary<string, ITeamsInvokeHandler> invokes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ITeamsMessageHandler> messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ITeamsActivityHandler> others = new(StringComparer.Ordinal);
    private readonly ILogger<TeamsActivityDispatcher> logger;

    public TeamsActivityDispatcher(
        IEnumerable<ITeamsInvokeHandler> invokeHandlers,
        IEnumerable<ITeamsMessageHandler> messageHandlers,
        IEnumerable<ITeamsActivityHandler> activityHandlers,
        ILogger<TeamsActivityDispatcher> logger)
    {
        this.logger = logger;
        foreach (var handler in invokeHandlers)
        {
            if (!invokes.TryAdd(handler.InvokeName, handler))
            {
                throw new InvalidOperationException($"Two Teams handlers are registered for the invoke '{handler.InvokeName}'.");
            }
        }

        foreach (var handler in messageHandlers)
        {
            if (!messages.TryAdd(handler.Key, handler))
            {
                throw new InvalidOperationException($"Two Teams handlers are registered for the message kind '{handler.Key}'.");
            }
        }

        foreach (var handler in activityHandlers)
        {
            if (!others.TryAdd(handler.ActivityType, handler))
            {
                throw new InvalidOperationException($"Two Teams handlers are registered for the activity type '{handler.ActivityType}'.");
            }
        }
    }

    /// <summary>The HTTP answer: an invoke's response, or 200 for messages (their work is queued) and other activities.</summary>
    public async Task<InvokeResponse> DispatchAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        switch (activity.Type)
        {
            case ActivityTypes.Invoke:
                if (activity.Name is null || !invokes.TryGetValue(activity.Name, out var invoke))
                {
                    LogUnknownInvoke(logger, activity.Name ?? "");
                    return InvokeResponse.NotImplemented;
                }

                return await invoke.HandleAsync(activity, cancellationToken);

            case ActivityTypes.Message:
                try
                {
                    if (messages.TryGetValue(MessageKey(activity), out var message) && !await message.HandleAsync(activity, cancellationToken))
                    {
                        return new InvokeResponse(StatusCodes.Status503ServiceUnavailable, null);
                    }
                }
                catch (JsonException)
                {
                    // A part a handler reads itself (a file attachment's content) is malformed: refused before anything is stored.
                    LogMalformedMessage(logger);
                    return InvokeResponse.BadRequest;
                }

                return new InvokeResponse(StatusCodes.Status200OK, null);

            default:
                // typing, reactions and the like: nothing to do, acknowledge.
                if (others.TryGetValue(activity.Type, out var handler))
                {
                    await handler.HandleAsync(activity, cancellationToken);
                }

                return new InvokeResponse(StatusCodes.Status200OK, null);
        }
    }

    private static string MessageKey(TeamsActivity activity) =>
        activity.Value is { ValueKind: JsonValueKind.Object } value && TicketCardValues.Read(value, TicketCard.ActionKey) is { } action
            ? TeamsMessageKeys.Card(action)
            : TeamsMessageKeys.Text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams message with a malformed part: 400")]
    private static partial void LogMalformedMessage(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams invoke '{Name}' has no handler: 501")]
    private static partial void LogUnknownInvoke(ILogger logger, string name);
}
