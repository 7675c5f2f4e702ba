using System.Net.Http.Headers;
using ChatBot.Http;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Http;

public sealed class RetryAfterHeaderTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private static TimeSpan? Delay(string? header)
    {
        using var response = new HttpResponseMessage();
        if (header is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", header);
        }

        return RetryAfterHeader.Delay(response.Headers, Time);
    }

    [Fact]
    public void Seconds_AreTheDelay() => Assert.Equal(TimeSpan.FromSeconds(7), Delay("7"));

    [Fact]
    public void Date_IsMeasuredOnTheInjectedClock_AsFarAsItIs() =>
        // Taken as written: the retry schedule, not the header's reader, decides how long the bot is willing to wait.
        Assert.Equal(new DateTimeOffset(2099, 10, 21, 7, 28, 0, TimeSpan.Zero) - Time.GetUtcNow(), Delay("Wed, 21 Oct 2099 07:28:00 GMT"));

    [Fact]
    public void DateInThePast_IsNoDelay() => Assert.Equal(TimeSpan.Zero, Delay("Wed, 21 Oct 2015 07:28:00 GMT"));

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    public void MissingOrUnreadable_IsNoHint(string? header) => Assert.Null(Delay(header));
}
