using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.ClientFactory;
using StackExchange.Redis;
using Ticketing.Catalog.Contracts.Grpc;
using Ticketing.Queue.Admission;

namespace Ticketing.Queue.Events;

/// <summary>
/// Queue's own copy of each event's waiting-room settings: shared by every instance in a Redis hash
/// kept current by catalog's messages, and held in memory by each instance so a join or a status
/// poll asks no store about the event. A change (the consumers call <see cref="SaveAsync"/>,
/// <see cref="SetStatusAsync"/>, <see cref="MarkSoldOutAsync"/>) drops this instance's copy at once
/// and tells the other instances over Redis pub/sub (<see cref="EventSettingsInvalidation"/>); the
/// admission loop re-reads the events that have a line on every tick, and any copy older than
/// <see cref="QueueSettings.EventSettingsMaxAge"/> is re-read, in case an instance missed a notice while disconnected.
/// An event not heard of (queue started after it was created, or Redis lost its data) is asked of
/// catalog over gRPC once, then remembered.
/// </summary>
public sealed class EventSettingsStore(IConnectionMultiplexer redis, GrpcClientFactory grpcClients, QueueSettings settings, TimeProvider clock)
{
    /// <summary>Where a change of an event's settings is announced to every instance (message: the event id).</summary>
    public static readonly RedisChannel Changes = RedisChannel.Literal("queue:event-settings-changed");

    /// <summary>A user waits at most this long for catalog before hearing 503 (the resilience retries would take far longer).</summary>
    private static readonly TimeSpan CatalogDeadline = TimeSpan.FromSeconds(2);

    private const string StatusField = "status";
    private const string OnSaleField = "on_sale_ms";
    private const string EnabledField = "waiting_room";
    private const string MaxField = "max_shoppers";
    private const string SoldOutField = "sold_out";

    private readonly ConcurrentDictionary<Guid, Remembered> _remembered = new();

    /// <summary>Bumped by every invalidation, so a read that raced a change never stores what it read before it.</summary>
    private long _changes;

    /// <summary>The event's settings, from memory when fresh, else Redis, else catalog; null for an unknown event.</summary>
    public async ValueTask<EventSettings?> GetAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        if (_remembered.TryGetValue(eventId, out var remembered) && clock.GetElapsedTime(remembered.ReadAt) < settings.EventSettingsMaxAge)
        {
            return remembered.Settings;
        }
        if (await RefreshAsync(eventId) is { } known)
        {
            return known;
        }
        EventSaleSettings answer;
        try
        {
            // A client per call: the factory rotates its connections, which a singleton holding one client would pin.
            var catalog = grpcClients.CreateClient<CatalogInternal.CatalogInternalClient>(nameof(CatalogInternal.CatalogInternalClient));
            answer = await catalog.GetEventSaleSettingsAsync(
                new GetEventSaleSettingsRequest { EventId = eventId.ToString() },
                deadline: DateTime.UtcNow + CatalogDeadline, cancellationToken: cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
            return null;
        }
        var fromCatalog = new EventSettings(eventId, answer.Status, answer.OnSaleDate.ToDateTimeOffset(),
            answer.WaitingRoomEnabled, answer.MaxConcurrentShoppers, SoldOut: false);
        await SaveAsync(fromCatalog);
        return fromCatalog;
    }

    /// <summary>Reads the shared copy and remembers it (the admission loop's read: it never waits for catalog).</summary>
    public async Task<EventSettings?> RefreshAsync(Guid eventId)
    {
        var changesBefore = Interlocked.Read(ref _changes);
        var readAt = clock.GetTimestamp();
        var read = await ReadAsync(eventId);
        if (read is null)
        {
            _remembered.TryRemove(eventId, out _);
            return null;
        }
        _remembered[eventId] = new Remembered(read, readAt);
        if (Interlocked.Read(ref _changes) != changesBefore)
        {
            // A change was announced while reading: what was read may predate it.
            _remembered.TryRemove(eventId, out _);
        }
        return read;
    }

    /// <summary>Forgets this instance's copy of one event (a change was announced).</summary>
    public void Invalidate(Guid eventId)
    {
        Interlocked.Increment(ref _changes);
        _remembered.TryRemove(eventId, out _);
    }

    /// <summary>Forgets every copy (the connection to Redis came back: notices may have been missed).</summary>
    public void InvalidateAll()
    {
        Interlocked.Increment(ref _changes);
        _remembered.Clear();
    }

    /// <summary>An upsert: catalog re-announces an event after every edit. A sold-out mark stays.</summary>
    public Task SaveAsync(EventSettings ev) =>
        ChangeAsync(ev.EventId, db => db.HashSetAsync(QueueKeys.Event(ev.EventId),
        [
            new(StatusField, ev.Status),
            new(OnSaleField, ev.OnSaleDate.ToUnixTimeMilliseconds()),
            new(EnabledField, ev.WaitingRoomEnabled ? 1 : 0),
            new(MaxField, ev.MaxConcurrentShoppers),
        ]));

    public Task SetStatusAsync(Guid eventId, string status) =>
        ChangeAsync(eventId, db => db.HashSetAsync(QueueKeys.Event(eventId), StatusField, status));

    public Task MarkSoldOutAsync(Guid eventId) =>
        ChangeAsync(eventId, db => db.HashSetAsync(QueueKeys.Event(eventId), SoldOutField, 1));

    private async Task ChangeAsync(Guid eventId, Func<IDatabase, Task> change)
    {
        await change(redis.GetDatabase());
        Invalidate(eventId);
        await redis.GetSubscriber().PublishAsync(Changes, eventId.ToString());
    }

    private async Task<EventSettings?> ReadAsync(Guid eventId)
    {
        var fields = (await redis.GetDatabase().HashGetAllAsync(QueueKeys.Event(eventId))).ToDictionary(f => (string)f.Name!, f => f.Value);
        // A status change can arrive before the event itself: without the settings it is not known yet.
        if (!fields.TryGetValue(MaxField, out var max) || !fields.TryGetValue(StatusField, out var status))
        {
            return null;
        }
        return new EventSettings(
            eventId,
            (string)status!,
            DateTimeOffset.FromUnixTimeMilliseconds((long)fields[OnSaleField]),
            (int)fields[EnabledField] == 1,
            (int)max,
            fields.TryGetValue(SoldOutField, out var soldOut) && (int)soldOut == 1);
    }

    private sealed record Remembered(EventSettings Settings, long ReadAt);
}
