using Microsoft.Extensions.Caching.Memory;
using Ticketing.Catalog.Contracts.Grpc;

namespace Ticketing.Orders.Checkout;

/// <summary>What an order keeps of its event, asked of catalog and remembered briefly (an on-sale asks for one event thousands of times).</summary>
public sealed class EventSnapshots(CatalogInternal.CatalogInternalClient catalog, IMemoryCache cache)
{
    private static readonly TimeSpan Keep = TimeSpan.FromSeconds(30);

    public async Task<EventSummary> GetAsync(Guid eventId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(eventId, out EventSummary? known) && known is not null)
        {
            return known;
        }
        var summary = await catalog.GetEventSummaryAsync(new GetEventSaleSettingsRequest { EventId = eventId.ToString() }, cancellationToken: cancellationToken);
        return cache.Set(eventId, summary, Keep);
    }
}
