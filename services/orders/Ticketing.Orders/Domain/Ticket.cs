namespace Ticketing.Orders.Domain;

/// <summary>The admission right for one seat of a completed order; gate staff scan its signed code once.</summary>
public sealed class Ticket
{
    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public Guid SeatId { get; set; }

    /// <summary>The signed code printed in the QR image (see <c>TicketCodes</c>).</summary>
    public string Code { get; set; } = "";

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset? ScannedAt { get; set; }

    /// <summary>Set when the order is cancelled: the code no longer admits anybody.</summary>
    public DateTimeOffset? VoidedAt { get; set; }
}
