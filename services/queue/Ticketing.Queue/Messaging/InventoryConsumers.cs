using MassTransit;
using Ticketing.Inventory.Contracts.Messages;
using Ticketing.Queue.Admission;
using Ticketing.Queue.Events;

namespace Ticketing.Queue.Messaging;

/// <summary>A shopper who bought frees their slot for the next in line.</summary>
public sealed class SeatsSoldConsumer(WaitingRoom room) : IConsumer<SeatsSold>
{
    public Task Consume(ConsumeContext<SeatsSold> context) =>
        room.LeaveAsync(context.Message.EventId, context.Message.UserId, context.CancellationToken);
}

/// <summary>Nothing left to sell: admission stops and everyone waiting hears <c>sold_out</c>.</summary>
public sealed class EventSoldOutConsumer(EventSettingsStore events) : IConsumer<EventSoldOut>
{
    public Task Consume(ConsumeContext<EventSoldOut> context) => events.MarkSoldOutAsync(context.Message.EventId);
}
