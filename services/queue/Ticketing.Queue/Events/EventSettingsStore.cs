using Grpc.Core;
using Grpc.Net.ClientFactory;
using StackExchange.Redis;
using Ticketing.Catalog.Contracts.Grpc;
using Ticketing.Queue.Admission;

namespace Ticketing.Queue.Events;

/// <summary>
/// Queue's own copy of each event's waiting-room settings, in a Redis hash kept current by
/// catalog's messages. An event not heard of (queue started after it was created, or Redis lost
/// its data) is asked of catalog over gRPC once, then remembered.
/// </summary>
public sealed class EventSettingsStore(IConnectionMultiplexer redis, GrpcClientFactory grpcClients)
{
    /// <summary>A user waits at most this long for catalog before hearing 503 (the resilience retries would take far longer).</summary>
    private static readonly TimeSpan CatalogDeadline = TimeSpan.FromSeconds(2);

    private const string StatusField = "status";
    private const string OnSaleField = "on_sale_ms";
    private const string EnabledField = "waiting_room";
    private const string MaxField = "max_shoppers";
    private const string SoldOutField = "sold_out";

    /// <summary>The event's settings, asking catalog when queue has not heard of it; null for an unknown event.</summary>
    public async Task<EventSettings?> GetAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        if (await ReadAsync(eventId) is { } known)
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
        var settings = new EventSettings(eventId, answer.Status, answer.OnSaleDate.ToDateTimeOffset(),
            answer.WaitingRoomEnabled, answer.MaxConcurrentShoppers, SoldOut: false);
        await SaveAsync(settings);
        return settings;
    }

    /// <summary>The local copy only (the admission loop never waits for catalog).</summary>
    public async Task<EventSettings?> ReadAsync(Guid eventId)
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

    /// <summary>An upsert: catalog re-announces an event after every edit. A sold-out mark stays.</summary>
    public Task SaveAsync(EventSettings settings) =>
        redis.GetDatabase().HashSetAsync(QueueKeys.Event(settings.EventId),
        [
            new(StatusField, settings.Status),
            new(OnSaleField, settings.OnSaleDate.ToUnixTimeMilliseconds()),
            new(EnabledField, settings.WaitingRoomEnabled ? 1 : 0),
            new(MaxField, settings.MaxConcurrentShoppers),
        ]);

    public Task SetStatusAsync(Guid eventId, string status) =>
        redis.GetDatabase().HashSetAsync(QueueKeys.Event(eventId), StatusField, status);

    public Task MarkSoldOutAsync(Guid eventId) =>
        redis.GetDatabase().HashSetAsync(QueueKeys.Event(eventId), SoldOutField, 1);
}
