using System.Net;
using System.Net.Http.Headers;
using ChatBot.Http;
using ChatBot.Keliweb;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Keliweb;

/// <summary>Classification of answers the stand-in does not produce on its own.</summary>
public sealed class KeliwebResponseTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));

    private static KeliwebResult<OpenedTicket> Classify(HttpStatusCode status, string body, Action<HttpResponseHeaders>? headers = null)
    {
        using var response = new HttpResponseMessage(status);
        headers?.Invoke(response.Headers);
        var answer = new UpstreamAnswer(response.StatusCode, response.Headers, response.Content.Headers, System.Text.Encoding.UTF8.GetBytes(body));
        return KeliwebResponse.Classify(answer, Time, b =>
            b.Int("id") is { } id && b.String("tid") is { } tid && b.String("c") is { } c ? new OpenedTicket(id, tid, c) : null);
    }

    [Fact]
    public void Success_WithNumbersInsteadOfStrings_IsRead()
    {
        var result = Classify(HttpStatusCode.OK, "{\"result\":\"success\",\"id\":12,\"tid\":516757,\"c\":\"KPqH7yG3\"}");

        Assert.Equal(new OpenedTicket(12, "516757", "KPqH7yG3"), Assert.IsType<KeliwebResult<OpenedTicket>.Success>(result).Value);
    }

    [Fact]
    public void Success_WithoutTicketNumber_IsUncertainBecauseATicketMayExist()
    {
        Assert.IsType<KeliwebResult<OpenedTicket>.Uncertain>(Classify(HttpStatusCode.OK, "{\"result\":\"success\",\"id\":\"1\"}"));
    }

    [Fact]
    public void ErrorWithoutMessage_IsApiErrorSayingSo()
    {
        Assert.Contains("without a message", Assert.IsType<KeliwebResult<OpenedTicket>.ApiError>(Classify(HttpStatusCode.OK, "{\"result\":\"error\"}")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedJson_IsUncertain()
    {
        Assert.IsType<KeliwebResult<OpenedTicket>.Uncertain>(Classify(HttpStatusCode.OK, "{\"result\":\"succ"));
    }

    [Fact]
    public void RequestTimeout408_IsNotSent()
    {
        Assert.IsType<KeliwebResult<OpenedTicket>.NotSent>(Classify(HttpStatusCode.RequestTimeout, string.Empty));
    }

    [Fact]
    public void RetryAfterDateInThePast_IsZeroDelay()
    {
        var result = Classify(HttpStatusCode.ServiceUnavailable, string.Empty, h => h.RetryAfter = new RetryConditionHeaderValue(Time.GetUtcNow().AddMinutes(-5)));

        Assert.Equal(TimeSpan.Zero, Assert.IsType<KeliwebResult<OpenedTicket>.NotSent>(result).RetryAfter);
    }

    [Fact]
    public void RetryAfterDate_IsDelayFromTheInjectedClock()
    {
        var result = Classify(HttpStatusCode.TooManyRequests, string.Empty, h => h.RetryAfter = new RetryConditionHeaderValue(Time.GetUtcNow().AddSeconds(90)));

        Assert.Equal(TimeSpan.FromSeconds(90), Assert.IsType<KeliwebResult<OpenedTicket>.NotSent>(result).RetryAfter);
    }

    [Fact]
    public void SuccessPrinted_HidesTheTicketAccessKey()
    {
        var printed = new KeliwebResult<OpenedTicket>.Success(new OpenedTicket(1, "516757", "KPqH7yG3")).ToString()
            + new KeliwebTicket(1, "516757", "KPqH7yG3", "Oggetto", "Open", 2);

        Assert.Contains("516757", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("KPqH7yG3", printed, StringComparison.Ordinal);
    }
}
