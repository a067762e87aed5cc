namespace Ticketing.Inventory.Contracts.Messages;

/// <summary>
/// A hold became a sale (PostgreSQL committed it) on an event with a waiting room: the buyer's slot there is free.
/// Not published for events without a waiting room, where no fan holds a slot; orders' <c>OrderCompleted</c>
/// announces every purchase.
/// </summary>
public sealed record SeatsSold(Guid HoldId, Guid EventId, Guid UserId, IReadOnlyList<Guid> SeatIds, decimal TotalPrice);
