using System.Text.Json.Serialization;

namespace ChatBot.Teams.Graph;

/// <summary>
/// The part of Graph's <c>chatMessage</c> the bot reads: its <c>reference</c> attachments (files on SharePoint or
/// OneDrive) and its HTML body, where pasted images are <c>&lt;img src="…/hostedContents/{id}/$value"&gt;</c>.
/// </summary>
public sealed record GraphChatMessage(
    string? Id = null,
    string? ReplyToId = null,
    string? WebUrl = null,
    string? DeletedDateTime = null,
    GraphItemBody? Body = null,
    IReadOnlyList<GraphChatMessageAttachment?>? Attachments = null);

public sealed record GraphItemBody(string? ContentType = null, string? Content = null);

public sealed record GraphChatMessageAttachment(string? Id = null, string? ContentType = null, string? ContentUrl = null, string? Name = null);

/// <summary>Graph's JSON: what the wire nulls or leaves out cannot reach code as null (issue 10's rule).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(GraphChatMessage))]
internal sealed partial class GraphJsonContext : JsonSerializerContext;
