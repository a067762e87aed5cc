namespace Ticketing.Orders.Domain;

/// <summary>
/// An event its organiser cancelled, as orders heard of it: its completed orders are refunded in full
/// (<c>CancelledEventRefunds</c>) until none is left and no purchase of it is still under way.
/// </summary>
public sealed class EventCancellation
{
    public Guid EventId { get; set; }

    public DateTimeOffset CancelledAt { get; set; }

    /// <summary>When the last of its orders was claimed for a refund; null while there may be more.</summary>
    public DateTimeOffset? RefundedAt { get; set; }
}
