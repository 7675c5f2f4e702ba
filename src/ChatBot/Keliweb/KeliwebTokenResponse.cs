using System.Text.Json.Serialization;

namespace ChatBot.Keliweb;

/// <summary>The answer of <c>oauth/token</c> (Laravel Passport style).</summary>
internal sealed record KeliwebTokenResponse(
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken);

/// <summary>An OAuth error answer: <c>{"error":"invalid_grant","error_description":"…"}</c>.</summary>
internal sealed record KeliwebTokenError(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? Description);

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(KeliwebTokenResponse))]
[JsonSerializable(typeof(KeliwebTokenError))]
internal sealed partial class KeliwebJsonContext : JsonSerializerContext;
