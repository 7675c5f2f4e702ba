using ChatBot.Slack.Handlers;

namespace ChatBot.Slack.Endpoints;

/// <summary>A handler's acknowledgement as the HTTP answer to Slack. An empty 200 is the plain acknowledgement.</summary>
public static class SlackResults
{
    public static IResult ToResult(this SlackAck ack)
    {
        ArgumentNullException.ThrowIfNull(ack);
        return ack switch
        {
            { IsRefused: true } => Results.StatusCode(StatusCodes.Status503ServiceUnavailable),
            { IsNotInstalled: true } => Results.StatusCode(StatusCodes.Status401Unauthorized),
            { Body: { } body } => Results.Bytes(body, JsonContentType),
            _ => Results.Ok(),
        };
    }

    private const string JsonContentType = "application/json; charset=utf-8";
}
