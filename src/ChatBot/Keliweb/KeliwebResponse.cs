using System.Net;
using System.Text.Json;

namespace ChatBot.Keliweb;

/// <summary>
/// Turns an HTTP answer of an API method into a <see cref="KeliwebResult{T}"/> (design section 4): what is final,
/// what surely was not processed, and what may have been.
/// </summary>
internal static class KeliwebResponse
{
    /// <summary>Classifies an answer other than 401 (the client handles that one by refreshing).</summary>
    public static KeliwebResult<T> Classify<T>(HttpResponseMessage response, string body, TimeProvider time, Func<KeliwebResponseBody, T?> readSuccess)
        where T : class
    {
        var status = (int)response.StatusCode;
        switch (response.StatusCode)
        {
            // A rate limit or an unavailable upstream refuses the request before any PHP ran; 408 says the server
            // gave up waiting for the request itself.
            case HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout:
                return new KeliwebResult<T>.NotSent($"Keliweb answered HTTP {status}.", RetryAfter(response, time));
            case >= HttpStatusCode.InternalServerError:
                return new KeliwebResult<T>.Uncertain($"Keliweb answered HTTP {status}; the request may have been processed.");
        }

        var parsed = KeliwebResponseBody.TryParse(body);
        if (status is >= 300 and < 400)
        {
            return new KeliwebResult<T>.ApiError($"Keliweb answered HTTP {status} (a redirect, not followed); check Keliweb:BaseUrl.");
        }

        if (status >= 400)
        {
            return new KeliwebResult<T>.ApiError(parsed?.ErrorMessage ?? parsed?.String("message") ?? $"Keliweb answered HTTP {status}.");
        }

        if (parsed is not { } answer)
        {
            // A proxy's HTML page or a truncated body with a 2xx: PHP may well have run.
            return new KeliwebResult<T>.Uncertain($"Keliweb answered HTTP {status} with a body that is not JSON.");
        }

        if (answer.ErrorMessage is { } message)
        {
            return new KeliwebResult<T>.ApiError(message);
        }

        if (answer.IsSuccess && readSuccess(answer) is { } value)
        {
            return new KeliwebResult<T>.Success(value);
        }

        return new KeliwebResult<T>.Uncertain($"Keliweb answered HTTP {status} without a recognizable result.");
    }

    /// <summary><c>Retry-After</c> as a delay, whether given in seconds or as an HTTP date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var delay = date - time.GetUtcNow();
            return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        }

        return null;
    }
}

/// <summary>A parsed JSON answer. WHMCS sends numbers as strings or numbers depending on the call, so reads accept both.</summary>
internal readonly record struct KeliwebResponseBody(JsonElement Root)
{
    public bool IsSuccess => String("result") == "success";

    /// <summary>WHMCS's <c>{"result":"error","message":…}</c>; also <c>message</c>/<c>error</c> of other 4xx answers.</summary>
    public string? ErrorMessage => String("result") == "error"
        ? String("message") ?? "Keliweb answered result=error without a message."
        : null;

    public static KeliwebResponseBody? TryParse(string body)
    {
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
