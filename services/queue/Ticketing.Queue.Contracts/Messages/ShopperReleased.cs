namespace Ticketing.Queue.Contracts.Messages;

/// <summary>The shopper's slot is free again: they left, bought, or their shopping window ended.</summary>
public sealed record ShopperReleased(Guid EventId, Guid UserId);
