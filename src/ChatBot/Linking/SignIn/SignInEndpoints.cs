using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace ChatBot.Linking.SignIn;

/// <summary>
/// <c>GET|POST /link/{code}</c>: the page and its form post. Every answer is HTML with the same protective headers
/// (no caching, no referrer, a CSP without other origins, no framing). Hostile input (a code of the wrong shape, a
/// missing or oversized field, a foreign content type, no antiforgery token) gets a 4xx page, never a 5xx.
/// </summary>
public static partial class SignInEndpoints
{
    public const string PathPrefix = "/link";
    public const string Route = PathPrefix + "/{code}";

    /// <summary>Far above what the form sends (two fields, a checkbox, the token), far below what would cost anything.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    private static readonly FormOptions FormLimits = new()
    {
        ValueCountLimit = 16,
        KeyLengthLimit = 64,
        ValueLengthLimit = 4 * 1024,
        MultipartBodyLengthLimit = MaxBodyBytes,
        MultipartHeadersCountLimit = 8,
        MultipartHeadersLengthLimit = 2 * 1024,
        MultipartBoundaryLengthLimit = 128,
    };

    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, GetAsync).RequireRateLimiting(SignInRateLimits.PerCodePolicy);
        endpoints.MapPost(Route, PostAsync).RequireRateLimiting(SignInRateLimits.PerCodePolicy);
        return endpoints;
    }

    /// <summary>The headers every answer of the page carries, the rate limit's 429 included.</summary>
    public static void Protect(HttpResponse response)
    {
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = SignInPage.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    public static Task WriteAsync(HttpContext context, int status, string html)
    {
        var response = context.Response;
        response.StatusCode = status;
        Protect(response);
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync(html, context.RequestAborted);
    }

    private static async Task GetAsync(string code, HttpContext context, SignInService signIn, IAntiforgery antiforgery)
    {
        var result = await signIn.OpenAsync(code, context.RequestAborted);
        var (status, html) = SignInPage.Render(result, code, result is SignInResult.Form ? Token(context, antiforgery) : null);
        await WriteAsync(context, status, html);
    }

    private static async Task PostAsync(string code, HttpContext context, SignInService signIn, IAntiforgery antiforgery, ILogger<SignInService> logger)
    {
        var stored = await signIn.FindAsync(code, context.RequestAborted);
        if (stored is null || stored.StateAt(signIn.Now) != SignInCodeState.Usable)
        {
            var (goneStatus, goneHtml) = SignInPage.Render(
                stored is null ? new SignInResult.NotFound() : new SignInResult.Gone(stored, stored.StateAt(signIn.Now)), code, null);
            await WriteAsync(context, goneStatus, goneHtml);
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, SignInPage.FormExpired(stored));
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = MaxBodyBytes;
        }

        // The antiforgery check reads the form through this feature too, so the limits hold for it as well.
        context.Features.Set<IFormFeature>(new FormFeature(context.Request, FormLimits));
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, Render(new SignInResult.Form(stored, null, SignInTexts.For(stored.Person.Locale).TooLong, 400), code, context, antiforgery));
            return;
        }
        catch (BadHttpRequestException ex)
        {
            await WriteAsync(context, ex.StatusCode, SignInPage.FormExpired(stored));
            return;
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            LogAntiforgeryRefused(logger, stored.Person.Identity.Platform, stored.Person.Identity.TeamId, stored.Person.Identity.UserId);
            await WriteAsync(context, StatusCodes.Status400BadRequest, SignInPage.FormExpired(stored));
            return;
        }

        var workspace = form[SignInPage.WorkspaceField].ToString() is "on" or "true" or "1";
        var result = await signIn.SubmitAsync(code, new SignInForm(Single(form, SignInPage.EmailField), Single(form, SignInPage.PasswordField), workspace), context.RequestAborted);
        var (status, html) = SignInPage.Render(result, code, result is SignInResult.Form ? Token(context, antiforgery) : null);
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "60";
        }

        await WriteAsync(context, status, html);
    }

    private static string Render(SignInResult result, string code, HttpContext context, IAntiforgery antiforgery) =>
        SignInPage.Render(result, code, Token(context, antiforgery)).Html;

    // A field sent twice is not a form this page made: treat it as missing.
    private static string? Single(IFormCollection form, string name) => form[name] is { Count: 1 } values ? values[0] : null;

    private static (string Name, string Value) Token(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return (tokens.FormFieldName, tokens.RequestToken ?? "");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in form for {Platform} team {TeamId} user {UserId} refused: antiforgery token missing or wrong")]
    private static partial void LogAntiforgeryRefused(ILogger logger, string platform, string teamId, string userId);
}
