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

internal sealed class SignInOptionsValidator : IValidateOptions<SignInOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInOptions options)
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            var uri = options.PublicBaseUri;
            if (uri is null)
            {
                problems.Add("PublicBaseUrl must be an absolute URL, e.g. https://chatbot.example.com/.");
            }
            else if (!(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
            {
                // The sign-in page carries Keliweb passwords: plain http only where nothing leaves the machine.
                problems.Add("PublicBaseUrl must use https (http only for a loopback address such as http://127.0.0.1:5080/).");
            }
            else if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                problems.Add("PublicBaseUrl must not have a query or fragment.");
            }
        }

        if (options.MaxAttemptsPerAddress < 1 || options.MaxRequestsPerCode < 1)
        {
            problems.Add("SignIn:MaxAttemptsPerAddress and SignIn:MaxRequestsPerCode must be at least 1.");
        }

        if (options.RateWindow <= TimeSpan.Zero)
        {
            problems.Add("SignIn:RateWindow must be positive.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
