using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace ChatBot.Settings;

/// <summary>
/// Collects what is wrong with one section's options, one line per problem, each naming the full key
/// (<c>Tickets:MaxFiles</c>, <c>Tickets:Departments:0:Id</c>) and what the key allows. Numbers are written as the
/// operator would type them; values are quoted only where they cannot be secret (numbers, durations). A check of top-level
/// keys (<c>PublicBaseUrl</c>) has an empty section.
/// </summary>
public sealed class SettingsCheck(string section)
{
    private readonly List<string> _failures = [];

    public string Section { get; } = section;

    public IReadOnlyList<string> Failures => _failures;

    public ValidateOptionsResult Result => _failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_failures);

    /// <summary>The full key of <paramref name="key"/> in this section (<c>MaxFiles</c> → <c>Tickets:MaxFiles</c>).</summary>
    public string Key(string key) => key.Length == 0 ? Section : Section.Length == 0 ? key : Section + ":" + key;

    /// <summary>Records a problem; <paramref name="message"/> follows the key, e.g. "is required.". An empty key and section: the message alone.</summary>
    public void Fail(string key, string message) => _failures.Add(Key(key) is { Length: > 0 } full ? $"{full} {message}" : message);

    public void Range(string key, long value, long min, long max)
    {
        if (value >= min && value <= max)
        {
            return;
        }

        Fail(key, max is long.MaxValue or int.MaxValue
            ? $"must be at least {Number(min)} (is {Number(value)})."
            : $"must be between {Number(min)} and {Number(max)} (is {Number(value)}).");
    }

    /// <summary>Durations must be above zero: a negative delay or timeout is a typo, never a wish.</summary>
    public void Positive(string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            Fail(key, $"must be a positive duration, e.g. 00:00:30 (is {value.ToString("c", CultureInfo.InvariantCulture)}).");
        }
    }

    public void Required(string key, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(key, $"is required ({what}).");
        }
    }

    public void Defined<TEnum>(string key, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            Fail(key, $"must be one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }
    }

    /// <summary>
    /// A URL secrets are sent to or fetched from: absolute, https (plain http only to this machine, for tests and
    /// emulators), and without a user name or password in it (they would be printed and logged as part of the URL).
    /// </summary>
    public void SecureUrl(string key, Uri? url, bool endsWithSlash = false)
    {
        if (url is null || !url.IsAbsoluteUri)
        {
            Fail(key, "must be an absolute URL, e.g. https://example.com/.");
            return;
        }

        if (url.UserInfo.Length > 0)
        {
            Fail(key, "must not contain a user name or password (put credentials in their own settings).");
        }

        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && IsLoopback(url)))
        {
            Fail(key, "must use https (plain http is accepted only for localhost, 127.0.0.1 or ::1).");
        }

        if (endsWithSlash && !url.AbsolutePath.EndsWith('/'))
        {
            Fail(key, "must end with '/' (paths are resolved under it).");
        }
    }

    /// <summary>A URL as it may be shown or logged: scheme, host, port and path, never user info or a query.</summary>
    public static string Printable(Uri url) =>
        url.IsAbsoluteUri ? url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : "(relative URL)";

    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
