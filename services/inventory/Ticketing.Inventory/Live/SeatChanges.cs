using System.Collections.Concurrent;
using System.Threading.Channels;
using StackExchange.Redis;
using Ticketing.Inventory.Availability;
using Ticketing.Inventory.Holds;

namespace Ticketing.Inventory.Live;

/// <summary>
/// Live seat updates across instances. The script that changes seats in Redis also announces the change on the
/// event's channel, numbered by the event's sequence (<c>Holds/Scripts/announce.lua</c>):
/// <c>{"seq":n,"seatIds":[...],"status":"held"}</c>. Every instance relays those messages to the browsers watching
/// the event through it (Server-Sent Events), subscribing to an event only while someone watches it.
/// </summary>
public sealed class SeatChanges(IConnectionMultiplexer redis, AvailabilitySnapshots snapshots, AvailabilityPublisher availability)
{
    /// <summary>How many changes a slow watcher may have waiting; past it the oldest go, and the watcher sees the gap in the numbers.</summary>
    public const int InboxCapacity = 256;

    private readonly ConcurrentDictionary<Guid, Watchers> _watched = new();

    /// <summary>This instance made change number <paramref name="sequence"/> (already announced by its script): its own map shows it at once.</summary>
    public void Made(Guid eventId, IEnumerable<Guid> seatIds, string status, long sequence)
    {
        snapshots.Apply(eventId, seatIds, SeatMapLayout.StateOf(status), sequence);
        availability.Changed(eventId);
    }

    /// <summary>Starts listening to the event's changes; once this returns, no change announced after it is missed.</summary>
    public async Task<SeatWatch> WatchAsync(Guid eventId)
    {
        var inbox = Channel.CreateBounded<string>(new BoundedChannelOptions(InboxCapacity) { FullMode = BoundedChannelFullMode.DropOldest });
        while (true)
        {
            var watchers = _watched.GetOrAdd(eventId, _ => new Watchers());
            Task subscribed;
            lock (watchers)
            {
                if (watchers.Closed)
                {
                    continue;
                }
                watchers.Inboxes.Add(inbox);
                subscribed = watchers.Subscription ??= SubscribeAsync(eventId, watchers);
            }
            var watch = new SeatWatch(inbox.Reader, () => LeaveAsync(eventId, watchers, inbox));
            try
            {
                await subscribed;
            }
            catch
            {
                await watch.DisposeAsync();
                throw;
            }
            return watch;
        }
    }

    /// <summary>The number of the event's last change (0 before any): read after <see cref="WatchAsync"/>, every change after it reaches the watcher.</summary>
    public async Task<long> LastSequenceAsync(Guid eventId) => (long?)await redis.GetDatabase().StringGetAsync(HoldKeys.Sequence(eventId)) ?? 0;

    /// <summary>
    /// Relays the event's channel to its watchers in the order Redis published it: a queue subscription is handled
    /// one message at a time (a handler subscription may run two messages at once and reorder them).
    /// </summary>
    private async Task SubscribeAsync(Guid eventId, Watchers watchers)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(HoldKeys.Changes(eventId));
        queue.OnMessage(message => Relay(watchers, (string)message.Message!));
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
        await redis.GetSubscriber().UnsubscribeAsync(HoldKeys.Changes(eventId));
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

    private sealed class Watchers
    {
        public List<Channel<string>> Inboxes { get; } = [];

        public Task? Subscription { get; set; }

        public bool Closed { get; set; }
    }
}

/// <summary>One watcher's changes, as their JSON, from the moment it subscribed; disposing it stops listening.</summary>
public sealed class SeatWatch(ChannelReader<string> inbox, Func<Task> leave) : IAsyncDisposable
{
    private int _disposed;

    public IAsyncEnumerable<string> ReadAllAsync(CancellationToken cancellationToken) => inbox.ReadAllAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await leave();
        }
    }
}
