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

public static class EventStatuses
{
    public const string Upcoming = "upcoming";
    public const string OnSale = "on_sale";
    public const string SoldOut = "sold_out";
    public const string Cancelled = "cancelled";
    public const string Completed = "completed";
}
