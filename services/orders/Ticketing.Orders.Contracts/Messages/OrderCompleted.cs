namespace Ticketing.Orders.Contracts.Messages;

/// <summary>A purchase is paid and its seats are sold: the order exists with its tickets.</summary>
public sealed record OrderCompleted(
    Guid OrderId, Guid HoldId, Guid EventId, Guid UserId, IReadOnlyList<Guid> SeatIds, decimal TotalAmount, DateTimeOffset CompletedAt);
