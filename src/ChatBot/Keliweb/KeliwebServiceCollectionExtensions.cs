using ChatBot.Settings;
using ChatBot.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Keliweb;

public static class KeliwebServiceCollectionExtensions
{
    /// <summary>
    /// Keliweb options, token provider and the typed <see cref="KeliwebClient"/>. The <see cref="IKeliwebTokenStore"/>
    /// comes from the storage feature.
    /// </summary>
    public static IServiceCollection AddKeliweb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<KeliwebOptions>(configuration, KeliwebOptions.SectionName, static (section, o) => section.Bind(o), KeliwebOptions.Lists);
        services.AddSingleton(CredentialSet.KeliwebApiKeys);
        services.AddSingleton(CredentialSet.KeliwebDefaultAccount);
        services.AddSingleton<IValidateOptions<KeliwebOptions>, KeliwebOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        // A factory, so the host still starts (ValidateOnBuild) where no IKeliwebTokenStore is registered yet;
        // the first token request then fails with the container's "unable to resolve IKeliwebTokenStore".
        services.AddSingleton<KeliwebMetrics>();
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<KeliwebTokenProvider>(provider));

        // Both clients: no redirects (the bearer and the password must not leave Keliweb:BaseUrl), the configured
        // timeout, and no resilience handler even if one is added to all clients: open-ticket must never be retried
        // blindly, and a retried refresh would present an already rotated refresh token.
#pragma warning disable EXTEXP0001 // Experimental, but the only way to opt out of ConfigureHttpClientDefaults' handlers.
        services.AddHttpClient(KeliwebTokenProvider.HttpClientName, ConfigureTimeout)
            .ConfigurePrimaryHttpMessageHandler(CreateHandler)
            .RemoveAllResilienceHandlers()
            .AddUpstreamTelemetry(Upstreams.Keliweb, "oauth/token");
        services.AddHttpClient<KeliwebClient>(ConfigureTimeout)
            .ConfigurePrimaryHttpMessageHandler(CreateHandler)
            .RemoveAllResilienceHandlers()
            .AddUpstreamTelemetry(Upstreams.Keliweb, UpstreamTelemetryExtensions.LastPathSegment);
#pragma warning restore EXTEXP0001
        services.AddMetrics();
        return services;
    }

    private static void ConfigureTimeout(IServiceProvider services, HttpClient client) =>
        client.Timeout = services.GetRequiredService<IOptions<KeliwebOptions>>().Value.Timeout;

    private static SocketsHttpHandler CreateHandler() => new() { AllowAutoRedirect = false, UseCookies = false };
}
