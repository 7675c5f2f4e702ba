using System.Buffers;
using System.Text.Json;
using ChatBot.Json;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Installations;
using ChatBot.Slack.Localization;
using ChatBot.Slack.Payloads;
using ChatBot.Slack.Views;

namespace ChatBot.Slack.Endpoints;

/// <summary>
/// The three request URLs of the Slack app. Each request: read raw body, verify, parse, dispatch to the handler for
/// its key, return the handler's acknowledgement. Unknown commands and callback ids get an empty 200 (Slack shows
/// nothing, and an app-level error page would only confuse the user); malformed bodies get 400.
/// </summary>
public static partial class SlackEndpoints
{
    public const string CommandsPath = "/slack/commands";
    public const string InteractivityPath = "/slack/interactivity";
    public const string EventsPath = "/slack/events";

    public static IEndpointRouteBuilder MapSlackEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(CommandsPath, CommandsAsync);
        endpoints.MapPost(InteractivityPath, InteractivityAsync);
        endpoints.MapPost(EventsPath, EventsAsync);
        return endpoints;
    }

    private static async Task<IResult> CommandsAsync(
        HttpContext context, SlackRequestReader reader, SlackHandlerRegistry registry, InstallationGate installations, ILogger<SlackRequestReader> logger)
    {
        var request = await reader.ReadAsync(context);
        // Slack's ssl_check probe is unsigned and asks for nothing but a 200; it does no work here. Checked on the raw
        // form, so a refused request is never parsed whole.
        if (IsSslCheck(request.Body.Span))
        {
            return SlackResults.Ack();
        }

        if (request.Rejection is not null)
        {
            return request.Rejection;
        }

        var command = SlashCommand.FromForm(SlackForm.ReadAll(request.Body.Span));
        if (command is null)
        {
            return Results.BadRequest();
        }

        if (!await installations.AdmitsAsync(command, context.RequestAborted))
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        var handler = registry.Find<SlashCommand>(command.Command, context.RequestServices);
        if (handler is null)
        {
            LogUnknown(logger, "command", command.Command);
            return SlackResults.Ack();
        }

        try
        {
            return await handler.HandleAsync(command, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A command must still get a 200 with words, or the user sees "operation_timeout" and tries again blindly.
            LogHandlerFailed(logger, command.Command, command.TeamId, command.UserId, ex);
            return SlackResults.Json(StatusViews.Ephemeral(SlackTexts.English.SomethingWentWrong + "\n" + SlackTexts.Italian.SomethingWentWrong));
        }
    }

    private static async Task<IResult> InteractivityAsync(
        HttpContext context, SlackRequestReader reader, SlackHandlerRegistry registry, InstallationGate installations, ILogger<SlackRequestReader> logger)
    {
        var request = await reader.ReadAsync(context);
        if (request.Rejection is not null)
        {
            return request.Rejection;
        }

        object? payload;
        try
        {
            payload = ReadInteraction(request.Body.Span);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (!await installations.AdmitsAsync(payload, context.RequestAborted))
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        return payload switch
        {
            null => Results.BadRequest(),
            MessageActionPayload p => await DispatchAsync(context, registry, logger, p, p => p.CallbackId),
            ViewSubmissionPayload p => await DispatchAsync(context, registry, logger, p, p => p.View.CallbackId ?? ""),
            BlockActionsPayload p => await DispatchAsync(context, registry, logger, p, p => p.Actions.Count > 0 ? p.Actions[0].ActionId : ""),
            // view_closed, global shortcuts, block_suggestion: nothing of ours.
            _ => SlackResults.Ack(),
        };
    }

    private static readonly object IgnoredInteraction = new();

    /// <summary>The typed payload of an interaction; <see cref="IgnoredInteraction"/> for kinds we have no use for; null without a payload.</summary>
    private static object? ReadInteraction(ReadOnlySpan<byte> body)
    {
        if (!SlackForm.TryFind(body, "payload", out var encoded) || encoded.IsEmpty)
        {
            return null;
        }

        // Decoded into a pooled buffer: the payloads keep strings, never the bytes.
        var buffer = ArrayPool<byte>.Shared.Rent(encoded.Length);
        try
        {
            var json = buffer.AsSpan(0, SlackForm.Decode(encoded, buffer));
            // The payload keeps raw JSON (a message's blocks) that handlers read later: text that is not UTF-8 is refused now.
            if (!WellFormedJsonText.IsValid(json))
            {
                throw new JsonException("The payload is not well-formed UTF-8 JSON.");
            }

            return JsonSerializer.Deserialize(json, SlackJsonContext.Default.PayloadType)?.Type switch
            {
                "message_action" => Deserialize(json, SlackJsonContext.Default.MessageActionPayload),
                "view_submission" => Deserialize(json, SlackJsonContext.Default.ViewSubmissionPayload),
                "block_actions" => Deserialize(json, SlackJsonContext.Default.BlockActionsPayload),
                _ => IgnoredInteraction,
            };
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<IResult> EventsAsync(HttpContext context, SlackRequestReader reader, InstallationEvents installationEvents, ILogger<SlackRequestReader> logger)
    {
        var request = await reader.ReadAsync(context);
        if (request.Rejection is not null)
        {
            return request.Rejection;
        }

        // The event stays raw JSON, read later: text that is not UTF-8 would throw there, not here.
        if (!WellFormedJsonText.IsValid(request.Body.Span))
        {
            return Results.BadRequest();
        }

        try
        {
            var envelope = JsonSerializer.Deserialize(request.Body.Span, SlackJsonContext.Default.EventEnvelope);
            if (envelope is { Type: "url_verification", Challenge: { } challenge })
            {
                return Results.Text(challenge, "text/plain");
            }

            if (await installationEvents.TryHandleAsync(request.Body, context.RequestAborted))
            {
                return SlackResults.Ack();
            }

            if (envelope is { Type: "event_callback", Event: { } e } && e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var eventType))
            {
                LogEvent(logger, eventType.ToString(), envelope.TeamId ?? "", envelope.EventId ?? "");
            }

            return envelope is null ? Results.BadRequest() : SlackResults.Ack();
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
    }

    private static async Task<IResult> DispatchAsync<TPayload>(
        HttpContext context, SlackHandlerRegistry registry, ILogger logger, TPayload payload, Func<TPayload, string> key)
    {
        var handler = registry.Find<TPayload>(key(payload), context.RequestServices);
        if (handler is null)
        {
            LogUnknown(logger, typeof(TPayload).Name, key(payload));
            return SlackResults.Ack();
        }

        try
        {
            return await handler.HandleAsync(payload, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or JsonException))
        {
            // 503, not 200: Slack shows "trouble connecting" and keeps the modal, so the user can submit again
            // (same view id, no second ticket) instead of losing what they typed.
            LogHandlerFailed(logger, key(payload), "", "", ex);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static T Deserialize<T>(ReadOnlySpan<byte> json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(json, info) ?? throw new JsonException("null payload");

    private static bool IsSslCheck(ReadOnlySpan<byte> form) => SlackForm.TryFind(form, "ssl_check", out var value) && value.SequenceEqual("1"u8);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Kind} '{Key}' has no handler; acknowledged and ignored")]
    private static partial void LogUnknown(ILogger logger, string kind, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack handler for '{Key}' failed (team {TeamId}, user {UserId})")]
    private static partial void LogHandlerFailed(ILogger logger, string key, string teamId, string userId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack event {EventType} from team {TeamId} ({EventId})")]
    private static partial void LogEvent(ILogger logger, string eventType, string teamId, string eventId);
}
