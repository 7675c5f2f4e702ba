using System.Text.Json.Serialization;

namespace ChatBot.Keliweb;

/// <summary>
/// The answer of <c>oauth/token</c> (Laravel Passport style). An answer without an access token or its lifetime does not
/// deserialize (<see cref="System.Text.Json.JsonException"/>): the grant failed, whatever else it says.
/// </summary>
internal sealed record KeliwebTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken = null,
    [property: JsonPropertyName("token_type")] string? TokenType = null);

/// <summary>An OAuth error answer: <c>{"error":"invalid_grant","error_description":"…"}</c>; without <c>error</c> it is no OAuth error.</summary>
internal sealed record KeliwebTokenError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string? Description = null);

/// <summary>Keliweb's JSON records; null or missing required members are refused at deserialization (issue 10).</summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(KeliwebTokenResponse))]
[JsonSerializable(typeof(KeliwebTokenError))]
internal sealed partial class KeliwebJsonContext : JsonSerializerContext;
