using System.Text.Json.Serialization;
using ChatBot.Json;

namespace ChatBot.Slack.Installations;

// The event of app_uninstalled and tokens_revoked as far as the bot needs it
// (https://docs.slack.dev/reference/events/app_uninstalled, .../tokens_revoked); the envelope is the dispatcher's EventEnvelope.

public sealed record InstallationEventBody(string? Type = null, RevokedTokens? Tokens = null);

/// <summary>User ids whose tokens were revoked, by kind; the bot's list holds the bot user when the bot token went.</summary>
public sealed record RevokedTokens(
    [property: JsonConverter(typeof(NonNullListConverter<string>))] IReadOnlyList<string>? Oauth = null,
    [property: JsonConverter(typeof(NonNullListConverter<string>))] IReadOnlyList<string>? Bot = null);
