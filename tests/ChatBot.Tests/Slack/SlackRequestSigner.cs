using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using ChatBot.Slack.Verification;

namespace ChatBot.Tests.Slack;

/// <summary>Signs requests the way Slack does (v0 HMAC-SHA256 over <c>v0:{ts}:{body}</c>), for tests that go through the real host.</summary>
public sealed class SlackRequestSigner(string secret, TimeProvider? time = null)
{
    public HttpRequestMessage Command(string path, IEnumerable<KeyValuePair<string, string>> fields, DateTimeOffset? at = null) =>
        Sign(path, Form(fields), "application/x-www-form-urlencoded", at);

    public HttpRequestMessage Interaction(string path, string payloadJson, DateTimeOffset? at = null) =>
        Sign(path, Form([new("payload", payloadJson)]), "application/x-www-form-urlencoded", at);

    public HttpRequestMessage Json(string path, string json, DateTimeOffset? at = null) => Sign(path, json, "application/json", at);

    public HttpRequestMessage Sign(string path, string body, string contentType, DateTimeOffset? at = null) =>
        Sign(path, Encoding.UTF8.GetBytes(body), contentType, at);

    /// <summary>Signs raw bytes, which need not be UTF-8 (the fuzz suite sends invalid sequences).</summary>
    public HttpRequestMessage Sign(string path, byte[] bytes, string contentType, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? (time ?? TimeProvider.System).GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add(SlackSignatureVerifier.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignatureVerifier.SignatureHeader, Encoding.ASCII.GetString(SlackSignatureVerifier.Sign(secret, timestamp, bytes)));
        return request;
    }

    /// <summary>Form encoding as Slack sends it (spaces as '+').</summary>
    public static string Form(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value).Replace("%20", "+", StringComparison.Ordinal)));

    /// <summary>Percent-encodes raw bytes (invalid UTF-8 included, as %FF): what a client would put on the wire.</summary>
    public static string PercentEncode(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
