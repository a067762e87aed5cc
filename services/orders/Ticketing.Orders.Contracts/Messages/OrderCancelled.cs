namespace Ticketing.Orders.Contracts.Messages;

/// <summary>A completed order was cancelled: the fan is refunded and the seats are back on sale.</summary>
public sealed record OrderCancelled(
    Guid OrderId, Guid HoldId, Guid EventId, Guid UserId, IReadOnlyList<Guid> SeatIds, decimal RefundedAmount, DateTimeOffset CancelledAt);
