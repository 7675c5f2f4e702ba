using System.Text.Json;
using ChatBot.Slack.Payloads;

namespace ChatBot.Slack.Views;

/// <summary>
/// The ticket modal's <c>private_metadata</c> (≤ 3000 chars): where to answer and which message it came from.
/// <see cref="ShownMessageHash"/> is set when the message was cut to fit the input: the full text waits in
/// <see cref="LongMessageStore"/> under <see cref="Nonce"/>, and is used only if the user left the cut text as shown.
/// </summary>
public sealed record TicketModalMetadata(
    string Kind,
    string Channel,
    string User,
    string Nonce,
    string? MessageTs = null,
    string? ThreadTs = null,
    string? ShownMessageHash = null)
{
    public const string CommandKind = "command";
    public const string MessageKind = "message";

    public string Serialize() => JsonSerializer.Serialize(this, SlackJsonContext.Default.TicketModalMetadata);

    /// <summary>Null when the metadata is not ours (a tampered or foreign view).</summary>
    public static TicketModalMetadata? Parse(string? json)
    {
        // Apps commonly keep a bare channel id here (Bolt's examples do): not ours, and not worth an exception each.
        if (string.IsNullOrEmpty(json) || json.AsSpan().TrimStart() is not ['{', ..])
        {
            return null;
        }

        try
        {
            var metadata = JsonSerializer.Deserialize(json, SlackJsonContext.Default.TicketModalMetadata);
            return metadata is { Channel.Length: > 0, User.Length: > 0, Nonce.Length: > 0 } ? metadata : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
