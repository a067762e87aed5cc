using Ticketing.Queue.Admission;

namespace Ticketing.Queue.Tests;

/// <summary>The poll hint rule on its own: how soon a waiting client is told to ask again.</summary>
public sealed class PollHintTests
{
    private static readonly TimeSpan Open = TimeSpan.Zero;

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(10, 0.01)]
    [InlineData(10, null)]
    public void Milliseconds_FrontOfLine_EverySecondWhateverTheRate(long position, double? rate) =>
        Assert.Equal(1000, PollHint.Milliseconds(position, rate, 100, Open, jitter: 0));

    [Fact]
    public void Milliseconds_FurtherBack_HalfTheWaitJitteredShorterBetweenOneAndFifteenSeconds()
    {
        // Position 100 at 10 admissions a second is due in 10 s: ask again in 5 s, up to 20% sooner.
        Assert.Equal(5000, PollHint.Milliseconds(100, 10, 100, Open, jitter: 0));
        Assert.InRange(PollHint.Milliseconds(100, 10, 100, Open, jitter: 0.999), 4000, 4001);
        // Due within two seconds: every second; far back: never more than 15 s.
        Assert.Equal(1000, PollHint.Milliseconds(150, 100, 100, Open, jitter: 0));
        Assert.Equal(15000, PollHint.Milliseconds(10_000, 10, 100, Open, jitter: 0.5));
        // Nobody let in lately: a full room a second is assumed (the optimistic side), 500 behind a room of 100 is 5 s away.
        Assert.Equal(2500, PollHint.Milliseconds(500, null, 100, Open, jitter: 0));
    }

    [Fact]
    public void Milliseconds_BeforeOpening_AtTheOpeningSpreadOverTwoSecondsAtMostFifteen()
    {
        Assert.Equal(3000, PollHint.Milliseconds(1, null, 100, TimeSpan.FromSeconds(3), jitter: 0));
        Assert.Equal(4000, PollHint.Milliseconds(1, null, 100, TimeSpan.FromSeconds(3), jitter: 0.5));
        Assert.Equal(15000, PollHint.Milliseconds(1, null, 100, TimeSpan.FromHours(1), jitter: 0.5));
    }

    /// <summary>
    /// Ten thousand fans in line, following the hints while admission runs twice as fast as measured
    /// (a burst of people leaving): nobody notices their turn more than a second late, and the
    /// line asks far less often than once a second per fan.
    /// </summary>
    [Theory]
    [InlineData(100.0)]
    [InlineData(20.0)]
    public void Milliseconds_FollowedByTenThousandFans_AtMostOneSecondLateAndFewPolls(double measuredRate)
    {
        const int fans = 10_000;
        var actualRate = 2 * measuredRate;
        var random = new Random(7);
        var polls = 0L;
        var latest = 0.0;
        for (var start = 1; start <= fans; start++)
        {
            var due = start / actualRate;
            var now = 0.0;
            while (true)
            {
                polls++;
                var position = (long)Math.Ceiling(start - now * actualRate);
                if (position <= 0)
                {
                    latest = Math.Max(latest, now - due);
                    break;
                }
                now += PollHint.Milliseconds(position, measuredRate, 100, Open, random.NextDouble()) / 1000.0;
            }
        }
        var pollsPerSecond = polls / (fans / actualRate);

        Assert.InRange(latest, 0, 1.0);
        Assert.True(pollsPerSecond < fans / 4.0, $"{pollsPerSecond:F0} polls/s for {fans} fans");
    }
}
