namespace Ticketing.Inventory.Contracts.Messages;

/// <summary>
/// An event's seat counts as of <paramref name="AsOf"/>: absolute numbers, so a consumer keeps the
/// newest and a redelivered or late message changes nothing. Published at most about once a second
/// per event while its seats change.
/// </summary>
public sealed record AvailabilityChanged(Guid EventId, int Available, int Held, int Sold, int Total, DateTimeOffset AsOf);
