using System.Net;
using System.Text.Json;
using ChatBot.Http;
using ChatBot.Json;

namespace ChatBot.Keliweb;

/// <summary>
/// Turns an HTTP answer of an API method into a <see cref="KeliwebResult{T}"/> (design section 4): what is final,
/// what surely was not processed, and what may have been.
/// </summary>
internal static class KeliwebResponse
{
    /// <summary>Classifies an answer other than 401 (the client handles that one by refreshing).</summary>
    /// <param name="changesState">The method creates something (open-ticket, add-ticket-reply): an answer that does not
    /// say what happened then means "may have been processed", never "failed".</param>
    public static KeliwebResult<T> Classify<T>(UpstreamAnswer answer, TimeProvider time, Func<KeliwebResponseBody, T?> readSuccess, bool changesState = true)
        where T : class
    {
        var status = (int)answer.StatusCode;
        switch (answer.StatusCode)
        {
            // A rate limit or an unavailable upstream refuses the request before any PHP ran; 408 says the server
            // gave up waiting for the request itself.
            case HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout:
                return new KeliwebResult<T>.NotSent($"Keliweb answered HTTP {status}.", RetryAfterHeader.Delay(answer.Headers, time));
            case >= HttpStatusCode.InternalServerError:
                return new KeliwebResult<T>.Uncertain($"Keliweb answered HTTP {status}; the request may have been processed.");
        }

        if (status is >= 300 and < 400)
        {
            // Not followed (the bearer stays at Keliweb:BaseUrl), and not a refusal either: a proxy or a moved endpoint
            // may redirect after the POST was handled, so for a method that creates something it may well exist.
            var hint = $"Keliweb answered HTTP {status}, a redirect{Target(answer)}, not followed; check Keliweb:BaseUrl";
            return changesState
                ? new KeliwebResult<T>.Uncertain(hint + ". The request may have been processed.")
                : new KeliwebResult<T>.ApiError(hint + ".");
        }

        var parsed = KeliwebResponseBody.TryParse(answer.Body);
        if (status >= 400)
        {
            return (parsed?.ErrorMessage ?? parsed?.String("message")) is { } message
                ? new KeliwebResult<T>.ApiError(message) { ForUsers = true }
                : new KeliwebResult<T>.ApiError($"Keliweb answered HTTP {status}.");
        }

        if (parsed is not { } body)
        {
            // A proxy's HTML page or a truncated body with a 2xx: PHP may well have run.
            return new KeliwebResult<T>.Uncertain($"Keliweb answered HTTP {status} with a body that is not JSON.");
        }

        if (body.ErrorMessage is { } error)
        {
            return new KeliwebResult<T>.ApiError(error) { ForUsers = true };
        }

        if (body.IsSuccess && readSuccess(body) is { } value)
        {
            return new KeliwebResult<T>.Success(value);
        }

        return new KeliwebResult<T>.Uncertain($"Keliweb answered HTTP {status} without a recognizable result.");
    }

    private static string Target(UpstreamAnswer answer) =>
        answer.Headers.Location is { } location ? $" to {(location.IsAbsoluteUri ? location.GetLeftPart(UriPartial.Path) : location.OriginalString)}" : "";
}

/// <summary>A parsed JSON answer. WHMCS sends numbers as strings or numbers depending on the call, so reads accept both.</summary>
internal readonly record struct KeliwebResponseBody(JsonElement Root)
{
    public bool IsSuccess => String("result") == "success";

    /// <summary>WHMCS's <c>{"result":"error","message":…}</c>; also <c>message</c>/<c>error</c> of other 4xx answers.</summary>
    public string? ErrorMessage => String("result") == "error"
        ? String("message") ?? "Keliweb answered result=error without a message."
        : null;

    public static KeliwebResponseBody? TryParse(ReadOnlyMemory<byte> body)
    {
        // Not UTF-8 (or an unpaired surrogate escape) is not JSON: refused here, before a read of one string throws.
        if (body.IsEmpty || !WellFormedJsonText.IsValid(body.Span))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? new KeliwebResponseBody(document.RootElement.Clone()) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string? String(string name) =>
        Root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    public int? Int(string name) =>
        int.TryParse(String(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
}
