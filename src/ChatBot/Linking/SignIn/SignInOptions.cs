using ChatBot.Settings;
using Microsoft.Extensions.Options;

namespace ChatBot.Linking.SignIn;

/// <summary>
/// The sign-in page: where the bot is reachable (<c>PublicBaseUrl</c>, a top-level key shared with later pages) and how
/// hard the page may be hit (the "SignIn" section). Without a public URL there is no page: linking stays with the operator.
/// </summary>
public sealed class SignInOptions
{
    public const string SectionName = "SignIn";

    /// <summary>Bound from the top-level <c>PublicBaseUrl</c>; read <see cref="PublicBaseUri"/>.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Sign-in attempts (form posts) one client address may make per <see cref="RateWindow"/>.</summary>
    public int MaxAttemptsPerAddress { get; set; } = 20;

    /// <summary>Page loads and posts one link may get per <see cref="RateWindow"/>; wrong passwords spend it after 5 anyway.</summary>
    public int MaxRequestsPerCode { get; set; } = 30;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The public URL with a trailing slash, or null when linking is off.</summary>
    public Uri? PublicBaseUri =>
        string.IsNullOrWhiteSpace(PublicBaseUrl) || !Uri.TryCreate(PublicBaseUrl.Trim(), UriKind.Absolute, out var uri)
            ? null
            : uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
}

/// <summary>Every rule of the "SignIn" section and of <c>PublicBaseUrl</c>, each failure naming its full key.</summary>
internal sealed class SignInOptionsValidator : IValidateOptions<SignInOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInOptions options)
    {
        var check = new SettingsCheck(SignInOptions.SectionName);
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            // The sign-in page carries Keliweb passwords: plain http only where nothing leaves the machine.
            var top = new SettingsCheck("");
            var uri = options.PublicBaseUri;
            top.SecureUrl(nameof(options.PublicBaseUrl), uri);
            if (uri is { } url && (url.Query.Length > 0 || url.Fragment.Length > 0))
            {
                top.Fail(nameof(options.PublicBaseUrl), "must not have a query or fragment.");
            }

            foreach (var failure in top.Failures)
            {
                check.Fail("", failure);
            }
        }

        check.Range(nameof(options.MaxAttemptsPerAddress), options.MaxAttemptsPerAddress, 1, int.MaxValue);
        check.Range(nameof(options.MaxRequestsPerCode), options.MaxRequestsPerCode, 1, int.MaxValue);
        check.Positive(nameof(options.RateWindow), options.RateWindow);
        return check.Result;
    }
}
