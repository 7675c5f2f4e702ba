using ChatBot.Settings;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatBot.Linking.SignIn;

public static partial class SignInServiceCollectionExtensions
{
    /// <summary>The sign-in page, its codes and rate limits. Needs <c>AddStorage</c>, <c>AddKeliweb</c> and <c>AddLinking</c>.</summary>
    public static IServiceCollection AddSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SignInOptions>(configuration, SignInOptions.SectionName, (section, o) =>
        {
            section.Bind(o);
            o.PublicBaseUrl = configuration["PublicBaseUrl"];
        });
        services.AddSingleton<IValidateOptions<SignInOptions>, SignInOptionsValidator>();
        services.AddSingleton<SignInCodeStore>();
        services.AddSingleton<SignInChats>();
        services.AddSingleton<SignInService>();

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "chatbot-sign-in";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.FormFieldName = "__sign_in_form";
            // The page sends X-Frame-Options: DENY itself (and frame-ancestors 'none'), stricter than antiforgery's SAMEORIGIN.
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddRateLimiter(_ => { });
        services.AddSingleton<IConfigureOptions<RateLimiterOptions>, SignInRateLimiterSetup>();

        // A sign-in link's path carries its code, and these categories write request paths (request lines, route
        // matching) below Warning: they stay at Warning even when an operator turns logging up, so no code reaches a log.
        services.Configure<LoggerFilterOptions>(o =>
        {
            foreach (var category in PathLoggingCategories)
            {
                o.AddFilter(category, LogLevel.Warning);
            }
        });
        return services;
    }

    private static readonly string[] PathLoggingCategories =
        ["Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.AspNetCore.Routing.Matching", "Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware"];

    /// <summary>Maps <c>GET|POST /link/{code}</c> when <c>PublicBaseUrl</c> is set, and says at start which it is.</summary>
    public static WebApplication MapSignIn(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ChatBot.Linking.SignIn");
        if (app.Services.GetRequiredService<IOptions<SignInOptions>>().Value.PublicBaseUri is not { } baseUri)
        {
            LogOff(logger);
            return app;
        }

        LogOn(logger, new Uri(baseUri, "link/").ToString());
        if (!app.Services.GetRequiredService<IOptions<Keliweb.KeliwebOptions>>().Value.HasApiKeys)
        {
            LogNoApiKeys(logger);
        }

        app.UseWhen(http => http.Request.Path.StartsWithSegments(SignInEndpoints.PathPrefix), branch => branch.UseRateLimiter());
        app.MapSignInEndpoints();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in page: on, links are {LinkBase}<code>")]
    private static partial void LogOn(ILogger logger, string linkBase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in page: Keliweb:ClientId and Keliweb:ClientSecret are not set, so every sign-in will fail until they are")]
    private static partial void LogNoApiKeys(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in page: off (PublicBaseUrl is not set); people without a link are told to ask the administrator")]
    private static partial void LogOff(ILogger logger);
}
