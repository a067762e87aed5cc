namespace Ticketing.Catalog.Contracts.Messages;

/// <summary>An event moved from <paramref name="PreviousStatus"/> to <paramref name="Status"/> (by an organiser or on schedule).</summary>
public sealed record EventStatusChanged(Guid EventId, string PreviousStatus, string Status, DateTimeOffset ChangedAt);
