using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Slack.Installations;

// oauth.v2.access answers (https://docs.slack.dev/reference/methods/oauth.v2.access): a code exchanged for an
// installation, or, with token rotation, a refresh grant's new pair. Only the fields the bot stores.

public sealed record OAuthTeam(string Id, string? Name = null);

public sealed record OAuthUser(string Id);

/// <param name="ExpiresIn">Seconds the access token lives, only with token rotation on; checked to be sane where read.</param>
public sealed record OAuthAccessResponse(
    bool Ok,
    string? Error = null,
    string? AccessToken = null,
    string? TokenType = null,
    string? Scope = null,
    string? BotUserId = null,
    string? AppId = null,
    OAuthTeam? Team = null,
    OAuthTeam? Enterprise = null,
    bool IsEnterpriseInstall = false,
    OAuthUser? AuthedUser = null,
    string? RefreshToken = null,
    long? ExpiresIn = null) : IJsonOnDeserialized
{
    /// <summary>Slack's rotating tokens live 12 hours; anything outside a minute to a year is not an answer to trust.</summary>
    public const long MaxExpiresIn = 366L * 24 * 3600;

    public void OnDeserialized()
    {
        if (ExpiresIn is < 60 or > MaxExpiresIn)
        {
            throw new JsonException($"expires_in {ExpiresIn} is out of range.");
        }
    }
}

/// <summary>What an oauth.v2.access call came to: an answer (ok or refused with an error), or no answer at all.</summary>
public sealed record OAuthOutcome(OAuthAccessResponse? Answer, string? Error, bool Unavailable)
{
    public bool IsOk => Answer is { Ok: true };

    public static OAuthOutcome Down(string reason) => new(null, reason, true);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OAuthAccessResponse))]
[JsonSerializable(typeof(InstallationEventBody))]
[JsonSerializable(typeof(string))]
internal sealed partial class InstallationsJsonContext : JsonSerializerContext;
