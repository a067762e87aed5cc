namespace Ticketing.Queue.Admission;

/// <summary>
/// The estimated wait is the position divided by the measured admission rate (admissions per
/// second over the recent <see cref="QueueSettings.RateWindow"/>). Before any admission was measured,
/// the fallback is the worst case: every full room of shoppers uses its whole shopping window,
/// so position p waits ceil(p / max concurrent) windows. Before the opening the time to the opening is added.
/// </summary>
public static class WaitEstimate
{
    public static long Seconds(long position, double? admissionsPerSecond, int maxConcurrentShoppers, TimeSpan shoppingWindow, TimeSpan untilOpening)
    {
        if (position <= 0)
        {
            return 0;
        }
        var queueSeconds = admissionsPerSecond is > 0
            ? Math.Ceiling(position / admissionsPerSecond.Value)
            : Math.Ceiling((double)position / Math.Max(1, maxConcurrentShoppers)) * shoppingWindow.TotalSeconds;
        return (long)Math.Ceiling(queueSeconds + Math.Max(0, untilOpening.TotalSeconds));
    }
}
