using System.Diagnostics;
using ChatBot.Keliweb;
using ChatBot.Settings;
using Microsoft.Extensions.Options;

namespace ChatBot.Health;

/// <summary>
/// Whether Keliweb answers at all: a GET of <c>Keliweb:BaseUrl</c> without any credential (any HTTP answer means
/// reachable), with a short timeout, cached for <see cref="MaxAge"/> so a dashboard cannot turn it into load.
/// </summary>
public sealed class KeliwebProbe(IHttpClientFactory httpClientFactory, IOptions<KeliwebOptions> options, TimeProvider time) : IDisposable
{
    public const string HttpClientName = "Keliweb.Probe";

    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);

    private readonly CachedRead<KeliwebProbeResult> _latest = new(MaxAge, time, r => r.CheckedAt);

    public void Dispose() => _latest.Dispose();

    public Task<KeliwebProbeResult> CheckAsync(CancellationToken cancellationToken) => _latest.GetAsync(ProbeAsync, cancellationToken);

    private async Task<KeliwebProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var url = options.Value.BaseUrl;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return new KeliwebProbeResult(SettingsCheck.Printable(url), true, (int)response.StatusCode, Elapsed(started), null, time.GetUtcNow());
        }
        catch (HttpRequestException ex)
        {
            return new KeliwebProbeResult(SettingsCheck.Printable(url), false, null, Elapsed(started), ex.HttpRequestError.ToString(), time.GetUtcNow());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new KeliwebProbeResult(SettingsCheck.Printable(url), false, null, Elapsed(started), "Timeout", time.GetUtcNow());
        }
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

/// <summary>One probe of Keliweb: reachable or not, its HTTP status, how long it took, and the error when unreachable.</summary>
public sealed record KeliwebProbeResult(string Url, bool Reachable, int? Status, long LatencyMs, string? Error, DateTimeOffset CheckedAt);
