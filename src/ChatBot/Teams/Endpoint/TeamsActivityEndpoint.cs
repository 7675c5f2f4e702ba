using System.Net;
using System.Text.Json;
using ChatBot.Json;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Authentication;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Endpoint;

/// <summary>
/// <c>POST /api/messages</c>: size limit, token, then parsing, then the checks that need the activity (only the
/// <c>msteams</c> channel, endorsement, <c>serviceurl</c>), then dispatch. Every refusal happens before any handler
/// runs. Only a validated token makes a serviceUrl trusted with the connector token; an unauthenticated emulator's
/// never is (<see cref="Connector.TeamsConnectorClient"/> answers it without any token).
/// </summary>
public sealed partial class TeamsActivityEndpoint(
    BotFrameworkTokenValidator validator,
    TrustedServiceUrls trust,
    TeamsActivityDispatcher dispatcher,
    IOptions<TeamsOptions> options,
    ILogger<TeamsActivityEndpoint> logger)
{
    public const string Route = "/api/messages";

    public async Task HandleAsync(HttpContext http)
    {
        var settings = options.Value;
        var cancellationToken = http.RequestAborted;
        var authorization = http.Request.Headers.Authorization.ToString();
        var unauthenticated = authorization.Length == 0 && settings.DangerouslyAllowUnauthenticatedRequests
            && http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);
        if (!settings.Enabled && !unauthenticated)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized; // no credentials: fail closed
            return;
        }

        var body = await RequestBody.ReadAsync(http.Request, settings.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        ValidatedToken? token = null;
        if (!unauthenticated && (token = await validator.ValidateAsync(authorization, cancellationToken)) is null)
        {
            LogRejected(logger, "token");
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        TeamsActivity? activity;
        try
        {
            activity = WellFormedJsonText.IsValid(body) ? JsonSerializer.Deserialize(body, TeamsJsonContext.Default.TeamsActivity) : null;
        }
        catch (JsonException)
        {
            activity = null;
        }

        // A serviceUrl that is no https (or loopback) URL could never be answered: the user would wait for a reply
        // that cannot come, so such an activity is refused before anything is accepted.
        if (activity is null || activity.Type.Length == 0
            || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || !LoopbackUrl.IsAllowed(serviceUrl))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // Every Azure Bot's keys are endorsed for Web Chat and Direct Line too, whose clients write from and channelData.
        if (!string.Equals(activity.ChannelId, TeamsActivity.TeamsChannelId, StringComparison.Ordinal))
        {
            LogRejected(logger, "channel is not msteams");
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (token is not null && !token.Admits(activity.ChannelId, activity.ServiceUrl))
        {
            LogRejected(logger, "endorsement or serviceurl");
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        // An Entra token without a serviceurl claim admits the activity but vouches for no serviceUrl: its connector is
        // answered only if Teams:ServiceUrlHosts lists it.
        if (token is not null && token.VouchesFor(activity.ServiceUrl))
        {
            trust.Remember(activity.ServiceUrl);
            activity = activity with { ServiceUrlVouched = true };
        }

        var response = await dispatcher.DispatchAsync(activity, cancellationToken);
        http.Response.StatusCode = response.Status;
        if (response.Body is not null)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(response.Body.ToJsonString(), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams request rejected: {Check}")]
    private static partial void LogRejected(ILogger logger, string check);
}
