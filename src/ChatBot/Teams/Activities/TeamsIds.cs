using System.Text.Json;

namespace ChatBot.Teams.Activities;

/// <summary>
/// Ids the bot later puts into connector URLs (conversation, activity, reply-to, channel). Teams' own are well under
/// 200 printable characters; one of tens of thousands made every answer a 414, one with a NUL a 400, so the submission
/// it came with could never be announced. Refused when the activity is read, as a malformed payload: 400, nothing
/// accepted.
/// </summary>
internal static class TeamsIds
{
    public const int MaxLength = 512;

    public static void Check(params ReadOnlySpan<string?> ids)
    {
        foreach (var id in ids)
        {
            if (id is { Length: > MaxLength })
            {
                throw new JsonException($"An id of {id.Length} characters; at most {MaxLength} are accepted.");
            }

            if (id is not null && id.Any(char.IsControl))
            {
                throw new JsonException("An id with a control character.");
            }
        }
    }
}
