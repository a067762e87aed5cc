using MassTransit;
using Ticketing.Catalog.Contracts.Messages;
using Ticketing.Queue.Events;

namespace Ticketing.Queue.Messaging;

/// <summary>Keeps queue's copy of an event's waiting-room settings; a repeat is an upsert.</summary>
public sealed class EventCreatedConsumer(EventSettingsStore events) : IConsumer<EventCreated>
{
    public Task Consume(ConsumeContext<EventCreated> context)
    {
        var m = context.Message;
        return events.SaveAsync(new EventSettings(m.EventId, m.Status, m.OnSaleDate, m.WaitingRoomEnabled, m.MaxConcurrentShoppers, SoldOut: false));
    }
}

/// <summary>The opening (upcoming -> on_sale) starts admission; sold_out stops it.</summary>
public sealed class EventStatusChangedConsumer(EventSettingsStore events) : IConsumer<EventStatusChanged>
{
    public Task Consume(ConsumeContext<EventStatusChanged> context) =>
        events.SetStatusAsync(context.Message.EventId, context.Message.Status);
}

public sealed class EventCancelledConsumer(EventSettingsStore events) : IConsumer<EventCancelled>
{
    public Task Consume(ConsumeContext<EventCancelled> context) =>
        events.SetStatusAsync(context.Message.EventId, EventStatuses.Cancelled);
}
