namespace Ticketing.Inventory.Contracts.Messages;

/// <summary>A hold became a sale (PostgreSQL committed it); the seats are no longer for sale.</summary>
public sealed record SeatsSold(Guid HoldId, Guid EventId, Guid UserId, IReadOnlyList<Guid> SeatIds, decimal TotalPrice);
