namespace Ticketing.Inventory.Contracts.Messages;

/// <summary>Every seat of the event is sold: catalog marks it sold out, the waiting room stops admitting.</summary>
public sealed record EventSoldOut(Guid EventId, int TotalSeats);
