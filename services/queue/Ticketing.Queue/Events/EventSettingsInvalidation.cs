using StackExchange.Redis;

namespace Ticketing.Queue.Events;

/// <summary>
/// Every instance listens for changed event settings, because catalog's messages reach only one
/// instance of queue (they share one consumer queue) while every instance keeps a copy in memory.
/// </summary>
public sealed class EventSettingsInvalidation(IConnectionMultiplexer redis, EventSettingsStore events) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored += OnConnectionRestored;
        // Fire and forget: with Redis down at start-up the subscription is made once it connects, and start-up does not wait.
        redis.GetSubscriber().Subscribe(EventSettingsStore.Changes, OnChanged, CommandFlags.FireAndForget);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnConnectionRestored;
        redis.GetSubscriber().Unsubscribe(EventSettingsStore.Changes, OnChanged, CommandFlags.FireAndForget);
        return Task.CompletedTask;
    }

    private void OnChanged(RedisChannel channel, RedisValue message)
    {
        if (Guid.TryParse((string?)message, out var eventId))
        {
            events.Invalidate(eventId);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => events.InvalidateAll();
}
