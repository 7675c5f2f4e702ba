using System.Text.RegularExpressions;
using ChatBot.Markup;

namespace ChatBot.Sync;

/// <summary>
/// A staff reply's message as chat shows it. WHMCS stores what the agent wrote: Markdown (its editor's default), HTML
/// (older replies, replies piped from e-mail), or plain text with HTML entities; each platform then renders the result
/// with its own markup and escaping.
/// </summary>
public static partial class StaffReplyText
{
    public static FormattedText Format(string message) =>
        MarkdownParser.Parse(LooksLikeHtml(message) ? HtmlToMarkdown.Convert(message) : System.Net.WebUtility.HtmlDecode(message));

    private static bool LooksLikeHtml(string message) => HtmlTag().IsMatch(message);

    [GeneratedRegex(@"<(p|br|div|span|strong|b|em|i|ul|ol|li|a|blockquote|pre|code|table|h[1-6])(\s[^>]*)?/?>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTag();
}
