using StackExchange.Redis;

namespace Ticketing.Inventory.Seats;

/// <summary>
/// What one instance learns from catalog's messages, every instance must forget: those messages reach one instance of
/// inventory (they share one consumer queue), while each instance keeps an event's sale settings
/// (<see cref="SaleEvents"/>) and, until its seats are written, its empty seat layout (<see cref="SeatCatalog"/>) in
/// memory. Without this, a replica that looked at a new event before its seats were written refused reserves of those
/// seats ("not in this event") for up to two seconds. The instance that applied a change tells the others over Redis
/// pub/sub; a notice lost to a Redis outage costs no more than the caches' own refresh (1 and 2 s).
/// </summary>
public sealed class SaleEventChanges(IConnectionMultiplexer redis, SaleEvents events, SeatCatalog seats) : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("inv:sale-event-changes");

    /// <summary>Forgets the event here at once and tells every other instance to.</summary>
    public async Task AnnounceAsync(Guid eventId)
    {
        Forget(eventId);
        await redis.GetSubscriber().PublishAsync(Channel, eventId.ToString(), CommandFlags.FireAndForget);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Fire and forget: with Redis down at start-up the subscription is made once it connects, and start-up does not wait.
        redis.GetSubscriber().Subscribe(Channel, OnChanged, CommandFlags.FireAndForget);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.GetSubscriber().Unsubscribe(Channel, OnChanged, CommandFlags.FireAndForget);
        return Task.CompletedTask;
    }

    private void OnChanged(RedisChannel channel, RedisValue message)
    {
        if (Guid.TryParse((string?)message, out var eventId))
        {
            Forget(eventId);
        }
    }

    private void Forget(Guid eventId)
    {
        seats.ForgetIfEmpty(eventId);
        events.Forget(eventId);
    }
}
