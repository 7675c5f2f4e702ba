using ChatBot.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Tickets;

public sealed class IntakeRateTests
{
    [Fact]
    public void BusyFromFiftyAcceptsInASecond_UntilASecondPassesWithout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var rate = new IntakeRate(time);

        for (var i = 0; i < IntakeRate.BusyPerSecond - 1; i++)
        {
            rate.Accepted();
        }

        Assert.False(rate.IsBusy);
        time.Advance(TimeSpan.FromMilliseconds(500));
        rate.Accepted();
        Assert.True(rate.IsBusy, "49 in the last half second and 1 in this one");
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(rate.IsBusy, "the 49 are more than a second old");
        Assert.False(rate.IsBusy);
    }

    [Fact]
    public void ALongPause_ForgetsEverything()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var rate = new IntakeRate(time);
        for (var i = 0; i < 500; i++)
        {
            rate.Accepted();
        }

        Assert.True(rate.IsBusy);
        time.Advance(TimeSpan.FromMinutes(3));
        rate.Accepted();
        Assert.False(rate.IsBusy);
    }
}
