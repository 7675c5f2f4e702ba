using System.Diagnostics;
using System.Net;
using ChatBot.Telemetry;
using ChatBot.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace ChatBot.Tests.Telemetry;

/// <summary>Metrics through the real Prometheus endpoint, and one trace per submission through an in-memory exporter.</summary>
[Collection(ProcessWideTelemetryCollection.Name)]
public sealed class TelemetryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PrometheusEndpoint_CountsASubmission_ItsUpstreamCalls_AndTheQueue()
    {
        await using var host = await SlackHost.StartAsync(settings: new Dictionary<string, string?> { ["Metrics:PrometheusPath"] = "/metrics" });

        var tid = await SubmitAndWaitForTheNumberAsync(host, "V0METRICS1");

        var metrics = await WaitForMetricsAsync(host, m => Has(m, "chatbot_submissions_ended_total", "chatbot_submission_state=\"Announced\""));
        Assert.True(Has(metrics, "chatbot_submissions_accepted_total", "chatbot_platform=\"slack\"", "} 1"), metrics);
        Assert.True(Has(metrics, "chatbot_submissions_ended_total", "chatbot_platform=\"slack\"", "chatbot_submission_state=\"Announced\"", "} 1"), metrics);
        Assert.True(Has(metrics, "chatbot_upstream_request_duration_seconds_count", "chatbot_upstream=\"keliweb\"", "chatbot_upstream_method=\"open-ticket\"",
            "chatbot_upstream_outcome=\"success\"", "} 1"), metrics);
        Assert.True(Has(metrics, "chatbot_upstream_request_duration_seconds_count", "chatbot_upstream=\"keliweb\"", "chatbot_upstream_method=\"oauth/token\""), metrics);
        Assert.True(Has(metrics, "chatbot_upstream_request_duration_seconds_count", "chatbot_upstream=\"slack\"", "chatbot_upstream_method=\"chat.postMessage\"",
            "chatbot_upstream_outcome=\"success\""), metrics);
        Assert.True(Has(metrics, "chatbot_upstream_request_duration_seconds_count", "chatbot_upstream=\"slack\"", "chatbot_upstream_method=\"views.open\""), metrics);
        Assert.True(Has(metrics, "chatbot_keliweb_token_grants_total", "chatbot_keliweb_grant_type=\"password\"", "chatbot_keliweb_outcome=\"granted\""), metrics);
        Assert.True(Has(metrics, "chatbot_keliweb_reachable", "} 1"), metrics);
        Assert.True(Has(metrics, "chatbot_submissions_waiting", "chatbot_submission_state=\"Accepted\""), metrics);
        Assert.True(Has(metrics, "chatbot_accounts_needing_sign_in", "} 0"), metrics);
        Assert.DoesNotContain(tid, metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("V0METRICS1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrometheusEndpoint_IsOffByDefault()
    {
        await using var host = await SlackHost.StartAsync();

        using var response = await host.Client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OneSubmission_IsOneTrace_FromTheAcceptThroughTheWorkerKeliwebAndThePostBack()
    {
        var spans = new List<Activity>();
        await using var host = await SlackHost.StartAsync(services: s => s.AddOpenTelemetry()
            .WithTracing(t => t.AddSource(ChatBotTelemetry.TraceSources).AddChatBotRequests().SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(spans)));

        var tid = await SubmitAndWaitForTheNumberAsync(host, "V0TRACE001");
        host.Factory.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Activity[] finished;
        var deadline = Stopwatch.StartNew();
        do
        {
            lock (spans)
            {
                finished = [.. spans];
            }

            await Task.Delay(50);
        }
        // The worker's span ends after its last post-back: waiting for the post alone raced it on a quiet machine.
        while (!(finished.Any(a => a.DisplayName == "slack chat.postMessage" && a.GetTagItem("chatbot.upstream.outcome") is "success")
            && finished.Any(a => a.DisplayName == "submission process") && finished.Any(a => a.DisplayName == "slack chat.postEphemeral"))
            && deadline.Elapsed < Wait);

        var accept = Assert.Single(finished, a => a.DisplayName == "submission accept");
        var trace = finished.Where(a => a.TraceId == accept.TraceId).ToList();
        var names = trace.Select(a => a.DisplayName).ToList();
        Assert.Contains("submission process", names);
        Assert.Contains("keliweb open-ticket", names);
        Assert.Contains("slack chat.postMessage", names);
        Assert.Contains("slack chat.postEphemeral", names);
        // The accept sits inside Slack's request, and the worker's pass continues the accept's trace from the store.
        Assert.Contains(trace, a => a.Kind == ActivityKind.Server && a.SpanId == accept.ParentSpanId);
        var process = trace.First(a => a.DisplayName == "submission process");
        Assert.Equal(accept.SpanId, process.ParentSpanId);
        Assert.Equal("Announced", process.GetTagItem("chatbot.submission.state"));
        var open = trace.Single(a => a.DisplayName == "keliweb open-ticket");
        Assert.Contains(trace, a => a.Kind == ActivityKind.Client && a.ParentSpanId == open.SpanId);
        Assert.DoesNotContain(finished, a => a.Tags.Any(t => t.Value?.Contains(tid, StringComparison.Ordinal) == true && t.Key.Contains("url", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ASignInRequest_IsTraced_WithoutItsCode()
    {
        var spans = new List<Activity>();
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true, services: s => s.AddOpenTelemetry()
            .WithTracing(t => t.AddChatBotRequests().SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(spans)));
        var link = await ChatBot.Tests.Linking.SignIn.SignInSteps.LinkForAsync(host, SlackHost.EnglishUser);
        var code = link.Segments[^1];

        using var browser = ChatBot.Tests.Linking.SignIn.SignInHttp.Client();
        using (var page = await browser.GetAsync(new Uri(link, "?lang=it")))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        host.Factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
        static bool IsPageRequest(Activity a) => a.Kind == ActivityKind.Server && a.GetTagItem("http.route") is "/link/{code}" && a.GetTagItem("http.request.method") is "GET";
        Activity[] finished;
        var deadline = Stopwatch.StartNew();
        do
        {
            // The server's span ends after the client has its response, so it may come a moment later.
            lock (spans)
            {
                finished = [.. spans];
            }

            await Task.Delay(50);
        }
        while (!finished.Any(IsPageRequest) && deadline.Elapsed < Wait);

        var request = Assert.Single(finished, IsPageRequest);
        Assert.Equal("/link/{code}", request.GetTagItem("url.path"));
        Assert.DoesNotContain(finished, a => a.DisplayName.Contains(code, StringComparison.Ordinal)
            || a.TagObjects.Any(t => t.Value?.ToString()?.Contains(code, StringComparison.Ordinal) == true));
    }

    private static async Task<string> SubmitAndWaitForTheNumberAsync(SlackHost host, string viewId)
    {
        await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.EnglishUser, host.Slack.IssueTrigger())));
        var opened = host.Slack.CallsTo("views.open").Single().Json()["view"]!.AsObject();
        var submission = SlackPayloads.Submission(SlackHost.EnglishUser, viewId, opened, new()
        {
            ["department"] = SlackPayloads.Select("2"),
            ["message"] = SlackPayloads.Text("Invoice 42 is wrong."),
        });
        using var response = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", submission.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = Assert.Single(await host.Keliweb.WaitForTicketsAsync(1, Wait));
        await host.WaitForCallsAsync("chat.postEphemeral", c => c.Any(p => p.Body.Contains(ticket.Tid, StringComparison.Ordinal)), Wait);
        return ticket.Tid;
    }

    private static async Task<string> WaitForMetricsAsync(SlackHost host, Func<string, bool> ready)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await host.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            if (ready(text) || deadline.Elapsed > Wait)
            {
                return text;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>A line of the exposition for <paramref name="metric"/> containing every one of <paramref name="parts"/>.</summary>
    private static bool Has(string exposition, string metric, params string[] parts) =>
        exposition.Split('\n').Any(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && parts.All(p => line.Contains(p, StringComparison.Ordinal)));
}
