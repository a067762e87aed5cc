using MassTransit;
using Microsoft.EntityFrameworkCore;
using Ticketing.Catalog.Caching;
using Ticketing.Catalog.Data;
using Ticketing.Inventory.Contracts.Messages;

namespace Ticketing.Catalog.Messaging;

/// <summary>
/// Keeps <c>available_seats</c> within a second or two of inventory. The counts are absolute and
/// stamped, and only a newer count is applied, so late, repeated or reordered messages (from several
/// inventory instances) can never move the figure backwards.
/// </summary>
public sealed class AvailabilityChangedConsumer(CatalogDbContext db, CatalogCache cache) : IConsumer<AvailabilityChanged>
{
    public async Task Consume(ConsumeContext<AvailabilityChanged> context)
    {
        var message = context.Message;
        var applied = await db.Events
            .Where(e => e.Id == message.EventId && (e.AvailabilityAsOf == null || e.AvailabilityAsOf < message.AsOf))
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.AvailableSeats, message.Available)
                .SetProperty(e => e.AvailabilityAsOf, message.AsOf), context.CancellationToken);
        if (applied == 1)
        {
            await cache.InvalidateEventAsync(message.EventId);
        }
    }
}
