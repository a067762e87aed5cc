namespace Ticketing.Orders.Domain;

/// <summary>
/// One purchase attempt on one hold. It keeps a snapshot of the event as it was when bought, so a
/// renamed or moved event does not rewrite a fan's history. The purchase saga moves its status.
/// </summary>
public sealed class Order
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public Guid EventId { get; set; }

    /// <summary>The inventory hold this order buys; the purchase saga's correlation id.</summary>
    public Guid HoldId { get; set; }

    public OrderStatus Status { get; set; }

    public decimal TotalAmount { get; set; }

    /// <summary>What the fan paid with, as the payment provider understands it (a card token, say).</summary>
    public string PaymentMethod { get; set; } = "";

    /// <summary>The provider's charge id once authorised.</summary>
    public string? PaymentId { get; set; }

    public decimal RefundedAmount { get; set; }

    /// <summary>The client's Idempotency-Key, unique per user: the same key always finds this order.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Why the order did not complete, in words for the fan.</summary>
    public string? FailureReason { get; set; }

    /// <summary>Why the order did not complete, as the code the API answers by.</summary>
    public OrderFailure? FailureCode { get; set; }

    public string EventName { get; set; } = "";

    public DateTimeOffset EventDate { get; set; }

    public string Artist { get; set; } = "";

    public string VenueName { get; set; } = "";

    public string VenueCity { get; set; } = "";

    public string VenueAddress { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public List<OrderItem> Items { get; set; } = [];

    public List<Ticket> Tickets { get; set; } = [];
}

/// <summary>One seat of an order at the price it was sold for.</summary>
public sealed class OrderItem
{
    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public Guid SeatId { get; set; }

    public string Section { get; set; } = "";

    public string Row { get; set; } = "";

    public string SeatNumber { get; set; } = "";

    public string PriceTier { get; set; } = "";

    public decimal Price { get; set; }
}
