namespace ChatBot.Telemetry;

/// <summary>The "Metrics" configuration section.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>
    /// Where Prometheus scrapes the metrics, e.g. <c>/metrics</c>; empty (the default) serves no scrape endpoint. It is on
    /// the bot's own port, so it is public unless the reverse proxy keeps it in.
    /// </summary>
    public string? PrometheusPath { get; set; }

    public bool PrometheusEnabled => !string.IsNullOrWhiteSpace(PrometheusPath);
}
