using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using StackExchange.Redis;
using Ticketing.Inventory.Availability;

namespace Ticketing.Inventory.Live;

/// <summary>What a watcher of an event's seat map is told: these seats are now in this status.</summary>
public sealed record SeatChange(Guid[] SeatIds, string Status);

/// <summary>
/// Live seat updates across instances: a change made by any inventory instance is published on the
/// event's Redis channel; every instance relays it to the browsers watching that event through it
/// (Server-Sent Events). Each instance subscribes to an event only while someone watches it.
/// </summary>
public sealed partial class SeatChanges(
    IConnectionMultiplexer redis, AvailabilitySnapshots snapshots, AvailabilityPublisher availability, ILogger<SeatChanges> logger)
{
    private readonly ConcurrentDictionary<Guid, Watchers> _watched = new();

    /// <summary>Call after seats changed state in Redis: this instance's map shows it at once and every watcher hears of it.</summary>
    public async Task PublishAsync(Guid eventId, IEnumerable<Guid> seatIds, string status)
    {
        var change = new SeatChange(seatIds.ToArray(), status);
        snapshots.Apply(eventId, change.SeatIds, SeatMapLayout.StateOf(status));
        availability.Changed(eventId);
        if (change.SeatIds.Length == 0)
        {
            return;
        }
        try
        {
            await redis.GetSubscriber().PublishAsync(ChannelOf(eventId), JsonSerializer.Serialize(change, JsonSerializerOptions.Web));
        }
        catch (RedisException ex)
        {
            // Watchers miss one update; their next snapshot read corrects it.
            LogPublishFailed(ex);
        }
    }

    /// <summary>Changes of the event from now until <paramref name="cancellationToken"/> ends.</summary>
    public async IAsyncEnumerable<string> WatchAsync(Guid eventId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var inbox = Channel.CreateBounded<string>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var watchers = await JoinAsync(eventId, inbox);
        try
        {
            await foreach (var change in inbox.Reader.ReadAllAsync(cancellationToken))
            {
                yield return change;
            }
        }
        finally
        {
            await LeaveAsync(eventId, watchers, inbox);
        }
    }

    private async Task<Watchers> JoinAsync(Guid eventId, Channel<string> inbox)
    {
        while (true)
        {
            var watchers = _watched.GetOrAdd(eventId, _ => new Watchers());
            lock (watchers)
            {
                if (watchers.Closed)
                {
                    continue;
                }
                watchers.Inboxes.Add(inbox);
                if (watchers.Subscription is not null)
                {
                    return watchers;
                }
                watchers.Subscription = redis.GetSubscriber().SubscribeAsync(ChannelOf(eventId), (_, message) => Relay(watchers, message!));
            }
            await watchers.Subscription;
            return watchers;
        }
    }

    private async Task LeaveAsync(Guid eventId, Watchers watchers, Channel<string> inbox)
    {
        lock (watchers)
        {
            watchers.Inboxes.Remove(inbox);
            if (watchers.Inboxes.Count > 0)
            {
                return;
            }
            watchers.Closed = true;
            _watched.TryRemove(eventId, out _);
        }
        await redis.GetSubscriber().UnsubscribeAsync(ChannelOf(eventId));
    }

    private static void Relay(Watchers watchers, string message)
    {
        lock (watchers)
        {
            foreach (var inbox in watchers.Inboxes)
            {
                inbox.Writer.TryWrite(message);
            }
        }
    }

    private static RedisChannel ChannelOf(Guid eventId) => RedisChannel.Literal($"inv:{{{eventId}}}:changes");

    private sealed class Watchers
    {
        public List<Channel<string>> Inboxes { get; } = [];

        public Task? Subscription { get; set; }

        public bool Closed { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish a seat change")]
    private partial void LogPublishFailed(Exception ex);
}
