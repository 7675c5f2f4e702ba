using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatBot.Linking.SignIn;

/// <summary>
/// The page's rate limits, with ASP.NET Core rate limiting: per client address (the global limiter, which only runs on
/// the page's branch of the pipeline) and per link (the endpoints' policy). A refusal is 429 with <c>Retry-After</c>.
/// Behind a reverse proxy set ASPNETCORE_FORWARDEDHEADERS_ENABLED=true, or every client shares the proxy's address.
/// </summary>
internal static class SignInRateLimits
{
    public const string PerCodePolicy = "sign-in-per-code";

    // Page loads do not try a password; they still cost a lookup each, so an address gets more of them, not unlimited.
    private const int PageLoadsPerAttempt = 4;

    public static void Configure(RateLimiterOptions limiter, SignInOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var attempt = HttpMethods.IsPost(http.Request.Method);
            return RateLimitPartition.GetFixedWindowLimiter(
                (attempt ? "attempt:" : "load:") + address,
                _ => Window(attempt ? options.MaxAttemptsPerAddress : options.MaxAttemptsPerAddress * PageLoadsPerAttempt, options.RateWindow));
        });
        limiter.AddPolicy(PerCodePolicy, http =>
        {
            // Keyed by the hash: raw codes are not kept, not even in the limiter's memory.
            var code = http.GetRouteValue("code") as string;
            var key = SignInCode.IsWellFormed(code) ? SignInCode.Hash(code!) : "malformed";
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(options.MaxRequestsPerCode, options.RateWindow));
        });
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.RateWindow;
            context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await SignInEndpoints.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, SignInPage.TooManyRequests(retryAfter));
        };
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };
}

/// <summary>Builds <see cref="RateLimiterOptions"/> from the validated <see cref="SignInOptions"/>.</summary>
internal sealed class SignInRateLimiterSetup(IOptions<SignInOptions> options) : IConfigureOptions<RateLimiterOptions>
{
    public void Configure(RateLimiterOptions limiter) => SignInRateLimits.Configure(limiter, options.Value);
}
