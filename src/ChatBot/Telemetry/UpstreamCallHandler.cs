using System.Diagnostics;

namespace ChatBot.Telemetry;

/// <summary>
/// Times every call a typed client makes to one upstream, as <c>chatbot.upstream.request.duration</c> (seconds) tagged
/// with the upstream, the method (a bounded name such as <c>open-ticket</c> or <c>chat.postMessage</c>, never an id)
/// and the outcome, and wraps it in a span named the same, so traces read "keliweb open-ticket". Added to a client with
/// <see cref="UpstreamTelemetryExtensions.AddUpstreamTelemetry"/>: the clients themselves know nothing of it.
/// </summary>
internal sealed class UpstreamCallHandler(UpstreamMetrics metrics, string upstream, Func<HttpRequestMessage, string> methodOf) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = methodOf(request);
        using var activity = ChatBotTelemetry.ActivitySource.StartActivity(upstream + " " + method, ActivityKind.Internal);
        var started = Stopwatch.GetTimestamp();
        var outcome = UpstreamOutcome.NetworkError;
        int? status = null;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            outcome = UpstreamOutcome.Of(response.StatusCode);
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = UpstreamOutcome.Canceled;
            throw;
        }
        catch (OperationCanceledException)
        {
            // HttpClient's own timeout: the caller did not cancel.
            outcome = UpstreamOutcome.Timeout;
            throw;
        }
        finally
        {
            metrics.Record(upstream, method, outcome, status, Stopwatch.GetElapsedTime(started));
            if (activity is not null)
            {
                activity.SetTag(UpstreamMetrics.OutcomeTag, outcome);
                if (outcome != UpstreamOutcome.Success)
                {
                    activity.SetStatus(ActivityStatusCode.Error, outcome);
                }
            }
        }
    }
}
