namespace Ticketing.Catalog.Contracts.Messages;

/// <summary>An event was cancelled: holds should be released and sold tickets refunded.</summary>
public sealed record EventCancelled(Guid EventId, DateTimeOffset CancelledAt);
