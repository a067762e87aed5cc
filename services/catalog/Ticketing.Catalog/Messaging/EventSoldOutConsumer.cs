using MassTransit;
using Microsoft.EntityFrameworkCore;
using Ticketing.Catalog.Data;
using Ticketing.Catalog.Domain;
using Ticketing.Inventory.Contracts.Messages;

namespace Ticketing.Catalog.Messaging;

/// <summary>
/// Inventory sold the last seat: on_sale -> sold_out. One conditional UPDATE, so a redelivery, or
/// the same message reaching a second catalog instance, changes nothing and announces nothing; the
/// change and its announcement commit in one transaction.
/// </summary>
public sealed class EventSoldOutConsumer(CatalogDbContext db, EventStatusNotifier notifier, TimeProvider clock) : IConsumer<EventSoldOut>
{
    public async Task Consume(ConsumeContext<EventSoldOut> context)
    {
        var eventId = context.Message.EventId;
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var changed = await db.Events
            .Where(e => e.Id == eventId && e.Status == EventStatus.OnSale)
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Status, EventStatus.SoldOut)
                .SetProperty(e => e.AvailableSeats, 0)
                .SetProperty(e => e.UpdatedAt, now), context.CancellationToken);
        if (changed == 1)
        {
            notifier.Announce(eventId, EventStatus.OnSale, EventStatus.SoldOut, now);
            await db.SaveChangesAsync(context.CancellationToken);
        }
        await transaction.CommitAsync(context.CancellationToken);
        if (changed == 1)
        {
            await notifier.CommittedAsync(eventId);
        }
    }
}
