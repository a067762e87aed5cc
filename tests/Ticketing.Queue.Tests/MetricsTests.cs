using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ticketing.Testing;

namespace Ticketing.Queue.Tests;

[Collection(QueueCollection.Name)]
public sealed class MetricsTests(SharedQueueHost fixture)
{
    private readonly QueueHost _queue = fixture.Queue;

    [Fact]
    public async Task Admit_ThreeJoinsUnderCapTwo_ReportsAdmissionsQueueLengthAndActiveShoppers()
    {
        var eventId = await _queue.CreateEventAsync(maxShoppers: 2);
        var tag = eventId.ToString();
        var admissions = 0L;
        var latest = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Ticketing.Queue")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var t in tags)
            {
                if (t.Key == "event_id" && (string?)t.Value == tag)
                {
                    if (instrument.Name == "ticketing.queue.admissions")
                    {
                        Interlocked.Add(ref admissions, value);
                    }
                    else
                    {
                        latest[instrument.Name] = value;
                    }
                }
            }
        });
        listener.Start();

        for (var i = 0; i < 3; i++)
        {
            await _queue.JoinAsync(eventId, Guid.NewGuid());
        }

        await Eventually.TrueAsync(() =>
        {
            listener.RecordObservableInstruments();
            return Task.FromResult(latest.GetValueOrDefault("ticketing.queue.length") == 1 && latest.GetValueOrDefault("ticketing.queue.active_shoppers") == 2);
        }, TimeSpan.FromSeconds(3), "gauges show one waiting and two shopping");
        Assert.Equal(2, Interlocked.Read(ref admissions));
    }
}
