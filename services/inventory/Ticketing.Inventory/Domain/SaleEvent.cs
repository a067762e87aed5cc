using Ticketing.Catalog.Contracts.Messages;

namespace Ticketing.Inventory.Domain;

/// <summary>What inventory needs to know of an event to sell it; kept current from catalog's messages.</summary>
public sealed class SaleEvent
{
    public Guid Id { get; set; }

    public string Status { get; set; } = EventStatuses.Upcoming;

    public int MaxTicketsPerUser { get; set; } = 4;

    public bool WaitingRoomEnabled { get; set; }

    public DateTimeOffset OnSaleDate { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
