using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Telemetry;

public static class UpstreamTelemetryExtensions
{
    /// <summary>
    /// Measures and traces every call of this client as calls to <paramref name="upstream"/> (<see cref="Upstreams"/>).
    /// <paramref name="methodOf"/> names a request with a bounded name (a path template, an API method, never an id).
    /// </summary>
    public static IHttpClientBuilder AddUpstreamTelemetry(this IHttpClientBuilder builder, string upstream, Func<HttpRequestMessage, string> methodOf)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<UpstreamMetrics>();
        return builder.AddHttpMessageHandler(services => new UpstreamCallHandler(services.GetRequiredService<UpstreamMetrics>(), upstream, methodOf));
    }

    /// <summary>Every call of this client under one method name (a download, a token endpoint).</summary>
    public static IHttpClientBuilder AddUpstreamTelemetry(this IHttpClientBuilder builder, string upstream, string method) =>
        builder.AddUpstreamTelemetry(upstream, _ => method);

    /// <summary>The last segment of the request's path: <c>chat.postMessage</c>, <c>open-ticket</c>.</summary>
    public static string LastPathSegment(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.RequestUri?.AbsolutePath.TrimEnd('/') ?? "";
        return path[(path.LastIndexOf('/') + 1)..] is { Length: > 0 } last ? last : "/";
    }
}
