using System.Net;

namespace ChatBot.Telemetry;

/// <summary>The <c>chatbot.upstream.outcome</c> of one call: a few values an alert rule can name.</summary>
public static class UpstreamOutcome
{
    public const string Success = "success";
    public const string Redirect = "redirect";
    public const string RateLimited = "rate_limited";
    public const string ClientError = "client_error";
    public const string ServerError = "server_error";
    public const string Timeout = "timeout";
    public const string NetworkError = "network_error";
    public const string Canceled = "canceled";

    public static string Of(HttpStatusCode status) => (int)status switch
    {
        < 300 => Success,
        < 400 => Redirect,
        429 => RateLimited,
        < 500 => ClientError,
        _ => ServerError,
    };
}
