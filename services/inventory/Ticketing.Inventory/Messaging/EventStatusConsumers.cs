using MassTransit;
using Microsoft.EntityFrameworkCore;
using Ticketing.Catalog.Contracts.Messages;
using Ticketing.Inventory.Data;
using Ticketing.Inventory.Sales;
using Ticketing.Inventory.Seats;

namespace Ticketing.Inventory.Messaging;

/// <summary>Keeps the sale status current: reserve refuses seats of events that are not on sale.</summary>
public sealed class EventStatusChangedConsumer(InventoryDbContext db, SaleEventChanges changes, TimeProvider clock) : IConsumer<EventStatusChanged>
{
    public async Task Consume(ConsumeContext<EventStatusChanged> context)
    {
        await db.Events.Where(e => e.Id == context.Message.EventId)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, context.Message.Status).SetProperty(x => x.UpdatedAt, clock.GetUtcNow()), context.CancellationToken);
        await changes.AnnounceAsync(context.Message.EventId);
    }
}

/// <summary>A cancelled event is off sale for good: its status, and its sale closed with every hold let go (<see cref="SaleClosing"/>).</summary>
public sealed class EventCancelledConsumer(InventoryDbContext db, SaleEventChanges changes, SaleClosing sale, TimeProvider clock) : IConsumer<EventCancelled>
{
    public async Task Consume(ConsumeContext<EventCancelled> context)
    {
        await db.Events.Where(e => e.Id == context.Message.EventId)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, EventStatuses.Cancelled).SetProperty(x => x.UpdatedAt, clock.GetUtcNow()), context.CancellationToken);
        await changes.AnnounceAsync(context.Message.EventId);
        await sale.CloseAsync(context.Message.EventId);
    }
}
