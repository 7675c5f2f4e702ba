namespace ChatBot.Slack.WebApi;

public enum SlackApiOutcome
{
    Ok,
    /// <summary>ok:false; <see cref="SlackApiResult{T}.Error"/> holds Slack's error code.</summary>
    Error,
    /// <summary>429; <see cref="SlackApiResult{T}.RetryAfter"/> from the Retry-After header.</summary>
    RateLimited,
    /// <summary>5xx, timeout, network: worth trying again later.</summary>
    Unavailable,
}

/// <summary>One Web API call's result; never an exception for remote failures.</summary>
public sealed record SlackApiResult<T>(SlackApiOutcome Outcome, T? Value, string? Error, TimeSpan? RetryAfter)
    where T : SlackApiResponse
{
    public bool IsOk => Outcome == SlackApiOutcome.Ok;

    /// <summary>A short code for logs and the user ("expired_trigger_id", "ratelimited", "http_503").</summary>
    public string Describe() => Error ?? "ok";
}

/// <summary>Factories for <see cref="SlackApiResult{T}"/> (kept off the generic type, CA1000).</summary>
public static class SlackApiResult
{
    public static SlackApiResult<T> Success<T>(T value) where T : SlackApiResponse => new(SlackApiOutcome.Ok, value, null, null);

    public static SlackApiResult<T> Failed<T>(string error) where T : SlackApiResponse => new(SlackApiOutcome.Error, null, error, null);

    public static SlackApiResult<T> Limited<T>(TimeSpan? retryAfter) where T : SlackApiResponse => new(SlackApiOutcome.RateLimited, null, "ratelimited", retryAfter);

    public static SlackApiResult<T> Down<T>(string reason) where T : SlackApiResponse => new(SlackApiOutcome.Unavailable, null, reason, null);
}
