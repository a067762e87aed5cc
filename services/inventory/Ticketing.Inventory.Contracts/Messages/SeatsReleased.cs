namespace Ticketing.Inventory.Contracts.Messages;

/// <summary>The holder gave seats back; with <paramref name="HoldEnded"/> the hold is gone.</summary>
public sealed record SeatsReleased(Guid HoldId, Guid EventId, Guid UserId, IReadOnlyList<Guid> SeatIds, bool HoldEnded);
