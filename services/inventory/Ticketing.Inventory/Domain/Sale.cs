namespace Ticketing.Inventory.Domain;

/// <summary>
/// A sold seat. The primary key (event, seat) is what makes selling a seat twice impossible, even
/// if Redis lost every hold: the second insert fails in PostgreSQL.
/// </summary>
public sealed class Sale
{
    public Guid EventId { get; set; }

    public Guid SeatId { get; set; }

    public Guid HoldId { get; set; }

    public Guid UserId { get; set; }

    public decimal Price { get; set; }

    public DateTimeOffset SoldAt { get; set; }
}
