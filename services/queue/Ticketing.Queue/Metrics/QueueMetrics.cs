using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Ticketing.Queue.Metrics;

/// <summary>
/// Meter <c>Ticketing.Queue</c>: queue length and active shoppers per event (as last seen by this
/// instance's admission step) and admissions (their rate is the dashboard's admission rate).
/// </summary>
public sealed class QueueMetrics
{
    public const string MeterName = "Ticketing.Queue";

    private readonly ConcurrentDictionary<Guid, (long Waiting, long Active)> _lastSeen = new();
    private readonly Counter<long> _admissions;

    public QueueMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _admissions = meter.CreateCounter<long>("ticketing.queue.admissions", "{shopper}", "Shoppers admitted from the waiting room");
        meter.CreateObservableGauge("ticketing.queue.length", () => Observe(s => s.Waiting), "{user}", "Users waiting per event");
        meter.CreateObservableGauge("ticketing.queue.active_shoppers", () => Observe(s => s.Active), "{shopper}", "Active shoppers per event");
    }

    public void Admitted(Guid eventId, int count)
    {
        if (count > 0)
        {
            _admissions.Add(count, new KeyValuePair<string, object?>("event_id", eventId.ToString()));
        }
    }

    public void Seen(Guid eventId, long waiting, long active) => _lastSeen[eventId] = (waiting, active);

    /// <summary>An event whose queue emptied stops being reported.</summary>
    public void Forget(Guid eventId) => _lastSeen.TryRemove(eventId, out _);

    private IEnumerable<Measurement<long>> Observe(Func<(long Waiting, long Active), long> value) =>
        _lastSeen.Select(e => new Measurement<long>(value(e.Value), new KeyValuePair<string, object?>("event_id", e.Key.ToString())));
}
