using MassTransit;
using Microsoft.EntityFrameworkCore;
using Ticketing.Catalog.Contracts.Messages;
using Ticketing.Inventory.Contracts.Grpc;
using Ticketing.Orders.Data;

namespace Ticketing.Orders.Messaging;

/// <summary>
/// An organiser cancelled an event: inventory closes its sale first (no hold is taken from then on and every hold is
/// let go, so no purchase of the event can still become a sale once its order is settled), then the cancellation is
/// recorded for <see cref="Cancellations.CancelledEventRefunds"/>, which refunds every order within a second. A repeat changes nothing.
/// </summary>
public sealed class EventCancelledConsumer(OrdersDbContext db, InventoryInternal.InventoryInternalClient inventory)
    : IConsumer<EventCancelled>
{
    public async Task Consume(ConsumeContext<EventCancelled> context)
    {
        var (eventId, cancelledAt) = (context.Message.EventId, context.Message.CancelledAt);
        await inventory.CloseSaleAsync(new CloseSaleRequest { EventId = eventId.ToString() }, cancellationToken: context.CancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO event_cancellations (event_id, cancelled_at) VALUES ({eventId}, {cancelledAt}) ON CONFLICT (event_id) DO NOTHING",
            context.CancellationToken);
    }
}
