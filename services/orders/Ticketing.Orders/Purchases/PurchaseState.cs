using MassTransit;

namespace Ticketing.Orders.Purchases;

/// <summary>
/// The purchase saga's instance: one per inventory hold (the correlation id is the hold id), stored
/// in PostgreSQL by <c>PurchaseStateStore</c> with optimistic concurrency on <see cref="Version"/>.
/// </summary>
public sealed class PurchaseState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    /// <summary>Bumped on every save; a save from a stale copy fails and the message is retried.</summary>
    public int Version { get; set; }

    public Guid EventId { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The hold's seats as inventory last announced them.</summary>
    public List<Guid> SeatIds { get; set; } = [];

    public decimal TotalPrice { get; set; }

    /// <summary>When inventory lets the hold go; the expiry scheduler watches it while the hold waits.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The order under way (or last tried) for this hold.</summary>
    public Guid? OrderId { get; set; }

    public string? PaymentId { get; set; }

    /// <summary>What a refund under way gives back.</summary>
    public decimal RefundAmount { get; set; }

    /// <summary>When the scheduler last asked the saga to act on a deadline (expiry, a payment or a refund to retry);
    /// for a checkout, when it started paying.</summary>
    public DateTimeOffset? NudgedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public PurchaseState Copy()
    {
        var copy = (PurchaseState)MemberwiseClone();
        copy.SeatIds = [.. SeatIds];
        return copy;
    }

    /// <summary>What a step can change (not the version or times): equal before and after means the step changed nothing.</summary>
    public PurchaseStateValues Values() =>
        new(CurrentState, EventId, UserId, string.Join(',', SeatIds), TotalPrice, ExpiresAt, OrderId, PaymentId, RefundAmount, NudgedAt);
}

public readonly record struct PurchaseStateValues(
    string CurrentState, Guid EventId, Guid UserId, string SeatIds, decimal TotalPrice, DateTimeOffset ExpiresAt,
    Guid? OrderId, string? PaymentId, decimal RefundAmount, DateTimeOffset? NudgedAt);
