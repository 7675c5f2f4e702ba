using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatBot.Slack.Options;

namespace ChatBot.Slack.Payloads;

/// <summary>
/// An interaction payload's JSON (the <c>payload</c> form field over HTTP, an <c>interactive</c> envelope's payload in
/// Socket Mode) read into its record: the discriminator first, then the concrete type.
/// </summary>
public static class SlackInteraction
{
    /// <summary>What <see cref="Read"/> returns for kinds the bot has no use for (view_closed, global shortcuts...).</summary>
    public static readonly object Ignored = new();

    /// <summary>The typed payload, or <see cref="Ignored"/>.</summary>
    /// <exception cref="JsonException">Not JSON, or not the shape its type requires.</exception>
    public static object Read(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, SlackJsonContext.Default.PayloadType)?.Type switch
        {
            "message_action" => Deserialize(json, SlackJsonContext.Default.MessageActionPayload),
            "view_submission" => Deserialize(json, SlackJsonContext.Default.ViewSubmissionPayload),
            "block_actions" => Deserialize(json, SlackJsonContext.Default.BlockActionsPayload),
            "block_suggestion" => Deserialize(json, SlackJsonContext.Default.BlockSuggestionPayload),
            _ => Ignored,
        };

    private static T Deserialize<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(json, info) ?? throw new JsonException("null payload");
}
