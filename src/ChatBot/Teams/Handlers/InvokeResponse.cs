using System.Text.Json.Nodes;

namespace ChatBot.Teams.Handlers;

/// <summary>An invoke's answer: it becomes the HTTP status and body of the same request (there is no later reply).</summary>
public sealed record InvokeResponse(int Status, JsonNode? Body)
{
    public static InvokeResponse Ok(JsonNode body) => new(StatusCodes.Status200OK, body);

    /// <summary><c>{}</c>: closes a message-action dialog.</summary>
    public static InvokeResponse Empty() => new(StatusCodes.Status200OK, new JsonObject());

    public static readonly InvokeResponse NotImplemented = new(StatusCodes.Status501NotImplemented, null);

    public static readonly InvokeResponse BadRequest = new(StatusCodes.Status400BadRequest, null);

    /// <summary>A task module (dialog) showing <paramref name="card"/>; also how validation errors go back.</summary>
    public static InvokeResponse TaskCard(string title, JsonObject card) => Ok(new JsonObject
    {
        ["task"] = new JsonObject
        {
            ["type"] = "continue",
            ["value"] = new JsonObject
            {
                ["title"] = title,
                ["height"] = "large",
                ["width"] = "medium",
                ["card"] = new JsonObject { ["contentType"] = Activities.AdaptiveCardContent.ContentType, ["content"] = card },
            },
        },
    });

    /// <summary>A dialog with just a message (e.g. "not linked").</summary>
    public static InvokeResponse TaskMessage(string text) =>
        Ok(new JsonObject { ["task"] = new JsonObject { ["type"] = "message", ["value"] = text } });

    /// <summary>An <c>adaptiveCard/action</c> answer that leaves the card as it is and shows a message.</summary>
    public static InvokeResponse CardMessage(string text) => Ok(new JsonObject
    {
        ["statusCode"] = 200,
        ["type"] = "application/vnd.microsoft.activity.message",
        ["value"] = text,
    });

    /// <summary>
    /// An <c>adaptiveCard/action</c> that cannot be served (Universal Actions' error response, with the HTTP status
    /// as Bot Framework's adapters send it): the client keeps the card and shows the message.
    /// </summary>
    public static InvokeResponse CardBadRequest(string message) => new(StatusCodes.Status400BadRequest, new JsonObject
    {
        ["statusCode"] = StatusCodes.Status400BadRequest,
        ["type"] = "application/vnd.microsoft.error",
        ["value"] = new JsonObject { ["code"] = "BadRequest", ["message"] = message },
    });

    /// <summary>The <c>adaptiveCard/action</c> answer that replaces the card for the user who clicked.</summary>
    public static InvokeResponse Card(JsonObject card) => Ok(new JsonObject
    {
        ["statusCode"] = 200,
        ["type"] = Activities.AdaptiveCardContent.ContentType,
        ["value"] = card,
    });
}
