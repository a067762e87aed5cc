namespace Ticketing.Inventory.Contracts.Messages;

/// <summary>A hold ran out before checkout; its seats are on sale again.</summary>
public sealed record HoldExpired(Guid HoldId, Guid EventId, Guid UserId, IReadOnlyList<Guid> SeatIds);
