using System.Buffers;
using System.Text.Json;
using ChatBot.Json;
using ChatBot.Slack.Dispatch;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Payloads;

namespace ChatBot.Slack.Endpoints;

/// <summary>
/// The request URLs of the Slack app (commands, interactivity, options load, events), the HTTP transport: read the raw body, verify its signature, parse, hand the
/// payload to <see cref="SlackDispatcher"/> and write its acknowledgement as the response. Malformed bodies get 400.
/// </summary>
public static class SlackEndpoints
{
    public const string CommandsPath = "/slack/commands";
    public const string InteractivityPath = "/slack/interactivity";
    public const string EventsPath = "/slack/events";

    /// <summary>The options load URL (<c>interactivity.message_menu_options_url</c>): external selects' <c>block_suggestion</c>.</summary>
    public const string OptionsPath = "/slack/options";

    public static IEndpointRouteBuilder MapSlackEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(CommandsPath, CommandsAsync);
        endpoints.MapPost(InteractivityPath, InteractivityAsync);
        // The same form (payload=JSON) and the same dispatch: the payload's type says what it is.
        endpoints.MapPost(OptionsPath, InteractivityAsync);
        endpoints.MapPost(EventsPath, EventsAsync);
        return endpoints;
    }

    private static async Task<IResult> CommandsAsync(HttpContext context, SlackRequestReader reader, SlackDispatcher dispatcher)
    {
        var request = await reader.ReadAsync(context);
        // Slack's ssl_check probe is unsigned and asks for nothing but a 200; it does no work here. Checked on the raw
        // form, so a refused request is never parsed whole.
        if (IsSslCheck(request.Body.Span))
        {
            return Results.Ok();
        }

        if (request.Rejection is not null)
        {
            return request.Rejection;
        }

        var command = SlashCommand.FromForm(SlackForm.ReadAll(request.Body.Span));
        return command is null
            ? Results.BadRequest()
            : (await dispatcher.CommandAsync(command, context.RequestServices, context.RequestAborted)).ToResult();
    }

    private static async Task<IResult> InteractivityAsync(HttpContext context, SlackRequestReader reader, SlackDispatcher dispatcher)
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

        return payload is null
            ? Results.BadRequest()
            : await AnswerAsync(() => dispatcher.InteractionAsync(payload, context.RequestServices, context.RequestAborted));
    }

    /// <summary>The typed payload of the form's <c>payload</c> field; null without one.</summary>
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

            return SlackInteraction.Read(json);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<IResult> EventsAsync(HttpContext context, SlackRequestReader reader, SlackDispatcher dispatcher)
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

        EventEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(request.Body.Span, SlackJsonContext.Default.EventEnvelope);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        return envelope switch
        {
            null => Results.BadRequest(),
            // Only the HTTP transport is asked to prove it owns its URL.
            { Type: "url_verification", Challenge: { } challenge } => Results.Text(challenge, "text/plain"),
            _ => await AnswerAsync(() => dispatcher.EventAsync(envelope, context.RequestServices, context.RequestAborted)),
        };
    }

    /// <summary>The dispatcher's acknowledgement as the response; a part of the payload a handler found malformed is a 400.</summary>
    private static async Task<IResult> AnswerAsync(Func<Task<SlackAck>> dispatch)
    {
        try
        {
            return (await dispatch()).ToResult();
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
    }

    private static bool IsSslCheck(ReadOnlySpan<byte> form) => SlackForm.TryFind(form, "ssl_check", out var value) && value.SequenceEqual("1"u8);
}
