using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Json;

namespace ChatBot.Slack.Installations;

// The Events API envelope as far as app_uninstalled and tokens_revoked need it
// (https://docs.slack.dev/reference/events/app_uninstalled, .../tokens_revoked); read here, apart from the other events.

public sealed record InstallationEvent(
    string Type,
    string? TeamId = null,
    string? EnterpriseId = null,
    bool IsEnterpriseInstall = false,
    [property: JsonConverter(typeof(NonNullListConverter<EventAuthorization>))] IReadOnlyList<EventAuthorization>? Authorizations = null,
    JsonElement? Event = null)
{
    /// <summary>The event's own type; null when <see cref="Event"/> is not an object with a string type (other code's to judge).</summary>
    public string? EventType =>
        Event is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    /// <summary>The installation the event is about: an org-wide install by its enterprise, any other by its team.</summary>
    public string? InstallationId =>
        (Authorizations is [var first, ..] ? first.IsEnterpriseInstall : IsEnterpriseInstall)
            ? (Authorizations is [{ EnterpriseId: { Length: > 0 } enterprise }, ..] ? enterprise : EnterpriseId)
            : (Authorizations is [{ TeamId: { Length: > 0 } team }, ..] ? team : TeamId);
}

public sealed record EventAuthorization(string? TeamId = null, string? EnterpriseId = null, bool IsEnterpriseInstall = false);

public sealed record InstallationEventBody(string? Type = null, RevokedTokens? Tokens = null);

/// <summary>User ids whose tokens were revoked, by kind; the bot's list holds the bot user when the bot token went.</summary>
public sealed record RevokedTokens(
    [property: JsonConverter(typeof(NonNullListConverter<string>))] IReadOnlyList<string>? Oauth = null,
    [property: JsonConverter(typeof(NonNullListConverter<string>))] IReadOnlyList<string>? Bot = null);
