using System.Text.Json.Nodes;

namespace ChatBot.Slack.Endpoints;

/// <summary>HTTP answers to Slack. An empty 200 is the plain acknowledgement.</summary>
public static class SlackResults
{
    public static IResult Ack() => Results.Ok();

    public static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), JsonContentType);

    /// <summary>An answer serialized beforehand (UTF-8 JSON).</summary>
    public static IResult Json(byte[] utf8Body) => Results.Bytes(utf8Body, JsonContentType);

    private const string JsonContentType = "application/json; charset=utf-8";
}
