using ChatBot.Settings;
using Microsoft.Extensions.Options;

namespace ChatBot.Telemetry;

/// <summary>Every rule of the "Metrics" section.</summary>
internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    /// <summary>Paths the bot already serves: a scrape endpoint there would shadow them.</summary>
    private static readonly string[] Taken = ["/slack", "/api", "/healthz", "/readyz", "/link"];

    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var check = new SettingsCheck(MetricsOptions.SectionName);
        if (options.PrometheusEnabled)
        {
            var path = options.PrometheusPath!;
            if (!path.StartsWith('/') || path.Length < 2 || path.Contains('?', StringComparison.Ordinal) || path.Contains(' ', StringComparison.Ordinal))
            {
                check.Fail(nameof(options.PrometheusPath), "must be a path such as /metrics, or empty to serve no scrape endpoint.");
            }
            else if (Taken.Any(t => path.Equals(t, StringComparison.OrdinalIgnoreCase) || path.StartsWith(t + "/", StringComparison.OrdinalIgnoreCase)))
            {
                check.Fail(nameof(options.PrometheusPath), $"must not be under a path the bot already serves ({string.Join(", ", Taken)}).");
            }
        }

        return check.Result;
    }
}
