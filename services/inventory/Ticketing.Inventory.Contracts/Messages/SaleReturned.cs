namespace Ticketing.Inventory.Contracts.Messages;

/// <summary>The seats of a sale (a cancelled order) are on sale again.</summary>
public sealed record SaleReturned(Guid HoldId, Guid EventId, Guid UserId, IReadOnlyList<Guid> SeatIds);
