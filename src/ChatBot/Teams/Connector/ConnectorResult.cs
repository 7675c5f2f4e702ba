namespace ChatBot.Teams.Connector;

/// <summary>The outcome of one connector call: 429 and 5xx are retryable (with Retry-After when given).</summary>
public sealed record ConnectorResult(ConnectorStatus Status, string? Id = null, TimeSpan? RetryAfter = null, string? Reason = null, int HttpStatus = 0)
{
    public bool Succeeded => Status == ConnectorStatus.Ok;

    public static ConnectorResult Ok(string? id) => new(ConnectorStatus.Ok, id);

    public static ConnectorResult Retry(TimeSpan? retryAfter, string reason, int httpStatus = 0) =>
        new(ConnectorStatus.Retry, RetryAfter: retryAfter, Reason: reason, HttpStatus: httpStatus);

    public static ConnectorResult Failed(string reason, int httpStatus = 0) => new(ConnectorStatus.Failed, Reason: reason, HttpStatus: httpStatus);
}

public enum ConnectorStatus
{
    Ok,
    Retry,
    Failed,
}
