using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Verification;

/// <summary>
/// Slack's v0 request signature: HMAC-SHA256 of <c>v0:{timestamp}:{raw body}</c> keyed by the signing secret.
/// Runs on the raw bytes before anything parses them.
/// </summary>
public sealed class SlackSignatureVerifier(IOptionsMonitor<SlackOptions> options, TimeProvider time)
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";

    /// <summary>Slack's replay window. Bolt-js only rejects old timestamps; the documented check is absolute.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public SignatureCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        var secret = options.CurrentValue.SigningSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return SignatureCheck.NotConfigured;
        }

        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.Stale;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > (long)MaxClockSkew.TotalSeconds)
        {
            return SignatureCheck.Stale;
        }

        // "v0=" and 64 hex digits; anything else cannot match, and is refused before hashing.
        Span<byte> expected = stackalloc byte[SignatureLength];
        Span<byte> given = stackalloc byte[SignatureLength];
        if (signature.Length != SignatureLength || !Ascii.IsValid(signature) || timestamp.Length > MaxTimestampLength)
        {
            return SignatureCheck.Mismatch;
        }

        Encoding.ASCII.GetBytes(signature, given);
        Sign(secret, timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The ASCII bytes of <c>v0=&lt;lowercase hex&gt;</c>.</summary>
    public static byte[] Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var signature = new byte[SignatureLength];
        Sign(secret, timestamp, body, signature);
        return signature;
    }

    private const int SignatureLength = 3 + 2 * HMACSHA256.HashSizeInBytes;
    private const int MaxTimestampLength = 20;

    // Every request pays for this: the base string goes in a pooled buffer, the rest on the stack.
    private static void Sign(string secret, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var prefixLength = 4 + Encoding.UTF8.GetByteCount(timestamp);
        var baseString = ArrayPool<byte>.Shared.Rent(prefixLength + body.Length);
        var key = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(secret.Length));
        try
        {
            "v0:"u8.CopyTo(baseString);
            Encoding.UTF8.GetBytes(timestamp, baseString.AsSpan(3));
            baseString[prefixLength - 1] = (byte)':';
            body.CopyTo(baseString.AsSpan(prefixLength));
            var keyLength = Encoding.UTF8.GetBytes(secret, key);

            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key.AsSpan(0, keyLength), baseString.AsSpan(0, prefixLength + body.Length), mac);
            "v0="u8.CopyTo(destination);
            Convert.TryToHexStringLower(mac, destination[3..], out _);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            ArrayPool<byte>.Shared.Return(key);
            ArrayPool<byte>.Shared.Return(baseString);
        }
    }
}

public enum SignatureCheck
{
    Valid,
    NotConfigured,
    MissingHeaders,
    Stale,
    Mismatch,
}
