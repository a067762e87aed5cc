using Ticketing.Catalog.Contracts.Messages;

namespace Ticketing.Queue.Events;

/// <summary>What the waiting room needs to know of an event: queue's own copy of catalog's sale settings.</summary>
public sealed record EventSettings(
    Guid EventId, string Status, DateTimeOffset OnSaleDate, bool WaitingRoomEnabled, int MaxConcurrentShoppers, bool SoldOut)
{
    /// <summary>Open once catalog says so, or once the on-sale date has passed even if that message is late.</summary>
    public bool IsOpen(DateTimeOffset now) => Status == EventStatuses.OnSale || (Status == EventStatuses.Upcoming && OnSaleDate <= now);

    /// <summary>Nothing left to wait for: admission stops and waiting users hear <c>sold_out</c>.</summary>
    public bool IsSoldOut => SoldOut || Status == EventStatuses.SoldOut;

    public bool IsClosed => Status is EventStatuses.Cancelled or EventStatuses.Completed;
}
