using System.Text.Json.Nodes;

namespace ChatBot.Slack.Endpoints;

/// <summary>HTTP answers to Slack. An empty 200 is the plain acknowledgement.</summary>
public static class SlackResults
{
    public static IResult Ack() => Results.Ok();

    public static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json; charset=utf-8");
}
