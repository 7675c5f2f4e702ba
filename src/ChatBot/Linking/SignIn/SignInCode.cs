using System.Security.Cryptography;
using System.Text;

namespace ChatBot.Linking.SignIn;

/// <summary>
/// The code in a sign-in link: 192 random bits, base64url (32 characters). Only its SHA-256 is stored; a slow hash
/// would buy nothing against a value with this much entropy, and lookups must stay cheap.
/// </summary>
public static class SignInCode
{
    public const int Length = 32;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>Wrong passwords a code survives: the fifth spends it.</summary>
    public const int MaxFailedAttempts = 5;

    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(24));

    /// <summary>Whether a value can be a code at all, before any lookup (hostile paths are refused here).</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: Length } && code.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');

    public static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(code)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
