using ChatBot.Settings;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChatBot.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The standard OpenTelemetry variable: when set, metrics and traces are exported over OTLP to it.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Metrics and traces with OpenTelemetry: exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the
    /// exporter reads the other <c>OTEL_*</c> variables itself), scraped by Prometheus at <c>Metrics:PrometheusPath</c>
    /// when that is set. With neither, no provider is registered and nothing listens to the instruments.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSettings<MetricsOptions>(configuration, MetricsOptions.SectionName, static (section, o) => section.Bind(o));
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddSingleton<UpstreamMetrics>();

        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        var prometheus = !string.IsNullOrWhiteSpace(configuration[MetricsOptions.SectionName + ":" + nameof(MetricsOptions.PrometheusPath)]);
        if (!otlp && !prometheus)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ChatBotTelemetry.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ChatBotTelemetry.Meters);
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(ChatBotTelemetry.TraceSources).AddChatBotRequests().AddOtlpExporter());
        }

        return services;
    }

    /// <summary>
    /// Incoming requests as server spans with their route, method and status; not the probes a load balancer or a
    /// scraper sends every few seconds, which would bury the traces that matter. A path with route values (the
    /// sign-in page's <c>/link/{code}</c>) is exported as its template: the value is a secret a trace store must not keep.
    /// </summary>
    public static TracerProviderBuilder AddChatBotRequests(this TracerProviderBuilder tracing) =>
        tracing.AddAspNetCoreInstrumentation(o =>
        {
            o.Filter = context =>
                !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments("/readyz")
                && !context.Request.Path.StartsWithSegments("/metrics");
            o.EnrichWithHttpResponse = static (activity, response) =>
            {
                if (response.HttpContext.GetEndpoint() is RouteEndpoint { RoutePattern: { Parameters.Count: > 0 } pattern })
                {
                    activity.SetTag(UrlPathTag, "/" + pattern.RawText?.TrimStart('/'));
                }
            };
        });

    private const string UrlPathTag = "url.path";

    /// <summary>The Prometheus scrape endpoint at <c>Metrics:PrometheusPath</c>, when set.</summary>
    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value;
        if (options.PrometheusEnabled)
        {
            endpoints.MapPrometheusScrapingEndpoint(options.PrometheusPath!);
        }

        return endpoints;
    }
}
