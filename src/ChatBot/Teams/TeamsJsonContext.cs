using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Authentication;
using ChatBot.Teams.Connector;
using ChatBot.Teams.Files;

namespace ChatBot.Teams;

/// <summary>
/// Source-generated serialization for every Teams payload; Bot Framework JSON is camelCase. A null or missing
/// non-nullable member throws <see cref="JsonException"/> here instead of reaching code as null (issue 10's shared
/// payload rule): optional members are nullable with a default, and array elements the wire may null are nullable.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(TeamsActivity))]
[JsonSerializable(typeof(MessageActionValue))]
[JsonSerializable(typeof(AdaptiveCardInvokeValue))]
[JsonSerializable(typeof(FileDownloadInfo))]
[JsonSerializable(typeof(OutboundActivity))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(TeamsReplyTo))]
[JsonSerializable(typeof(TeamsFileLocator))]
[JsonSerializable(typeof(List<TeamsCardFile>))]
[JsonSerializable(typeof(OpenIdMetadataDocument))]
[JsonSerializable(typeof(ClientCredentialsResponse))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class TeamsJsonContext : JsonSerializerContext;
