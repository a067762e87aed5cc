namespace Ticketing.Queue.Admission;

/// <summary>
/// When a waiting client should ask again (<c>poll_after_ms</c>), so that ten thousand people in
/// line cost the service a few hundred requests a second instead of ten thousand, while nobody near
/// the front notices their turn more than about a second late:
/// <list type="bullet">
/// <item>the first <see cref="FrontOfLine"/> in line, and anyone due within two seconds: every second;</item>
/// <item>further back: half the time until their turn (position / admission rate; an unmeasured
/// rate counts as a full room a second, the optimistic side), jittered 0-20% shorter so people who
/// joined together do not ask together, between 1 and 15 seconds. Halving means that even if
/// admission runs twice as fast as measured, the next answer is still on time;</item>
/// <item>before the opening: at the opening plus up to two seconds of spread (the whole pre-queue
/// would otherwise ask in the same millisecond), and at least every 15 seconds;</item>
/// <item>anything but <c>waiting</c>: 0, nothing to wait for.</item>
/// </list>
/// </summary>
public static class PollHint
{
    public const int FrontOfLine = 10;

    public static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan OpeningSpread = TimeSpan.FromSeconds(2);

    /// <summary>The hint for a waiting user; <c>jitter</c> is a random number in [0, 1).</summary>
    public static long Milliseconds(long position, double? admissionsPerSecond, int maxConcurrentShoppers, TimeSpan untilOpening, double jitter)
    {
        if (untilOpening > TimeSpan.Zero)
        {
            var atOpening = untilOpening.TotalMilliseconds + jitter * OpeningSpread.TotalMilliseconds;
            return (long)Math.Min(atOpening, Longest.TotalMilliseconds);
        }
        if (position <= FrontOfLine)
        {
            return (long)Shortest.TotalMilliseconds;
        }
        var rate = admissionsPerSecond is > 0 ? admissionsPerSecond.Value : Math.Max(1, maxConcurrentShoppers);
        var halfTheWait = position / rate * 1000 / 2 * (1 - 0.2 * jitter);
        return (long)Math.Clamp(halfTheWait, Shortest.TotalMilliseconds, Longest.TotalMilliseconds);
    }
}
