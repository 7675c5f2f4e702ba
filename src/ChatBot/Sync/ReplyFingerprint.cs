using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatBot.Sync;

/// <summary>
/// What a message says, whatever Keliweb did to its whitespace, line endings or entities: how the sync recognizes a reply
/// it added itself from chat when get-ticket shows it back, without keeping the text.
/// </summary>
public static partial class ReplyFingerprint
{
    /// <summary>A message from chat and its get-ticket echo are this far apart at most, clocks included.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);

    public static string Of(string message)
    {
        var text = System.Net.WebUtility.HtmlDecode(Tags().Replace(message, " "));
        var normalized = Whitespace().Replace(text, " ").Trim();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)), 0, 16);
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
