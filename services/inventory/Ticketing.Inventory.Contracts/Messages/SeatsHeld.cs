namespace Ticketing.Inventory.Contracts.Messages;

/// <summary>
/// A user's hold on an event was created or grew: <paramref name="SeatIds"/> is the whole hold now.
/// The purchase saga starts on the first one for a <paramref name="HoldId"/> and learns the expiry.
/// </summary>
public sealed record SeatsHeld(Guid HoldId, Guid EventId, Guid UserId, IReadOnlyList<Guid> SeatIds, decimal TotalPrice, DateTimeOffset ExpiresAt);
