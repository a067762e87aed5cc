using System.Collections.Concurrent;
using MassTransit;
using Ticketing.Inventory.Availability;
using Ticketing.Inventory.Contracts.Messages;
using Ticketing.ServiceDefaults.Messaging;

namespace Ticketing.Inventory.Live;

/// <summary>
/// Tells the rest of the system (catalog's <c>available_seats</c>) how many seats an event has
/// left: events whose seats changed are counted from the snapshot once a second and published.
/// </summary>
public sealed partial class AvailabilityPublisher(
    AvailabilitySnapshots snapshots, IBus bus, TimeProvider clock, ILogger<AvailabilityPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<Guid, byte> _changed = new();

    public void Changed(Guid eventId) => _changed.TryAdd(eventId, 0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var eventId in _changed.Keys)
            {
                _changed.TryRemove(eventId, out _);
                try
                {
                    var asOf = clock.GetUtcNow();
                    var counts = await snapshots.CountsAsync(eventId);
                    await bus.PublishBounded(new AvailabilityChanged(eventId, counts.Available, counts.Held, counts.Sold, counts.Total, asOf), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _changed.TryAdd(eventId, 0);
                    LogFailed(ex, eventId);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the availability of {EventId}; retrying")]
    private partial void LogFailed(Exception ex, Guid eventId);
}
