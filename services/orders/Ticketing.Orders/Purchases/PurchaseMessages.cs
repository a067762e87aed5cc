namespace Ticketing.Orders.Purchases;

// Messages inside the orders service, between the checkout endpoint, the purchase saga and the
// payment consumers. All carry the hold id: the saga correlates on it.

/// <summary>A fan submitted checkout for a hold; the order row exists (pending).</summary>
public sealed record CheckoutRequested(
    Guid HoldId, Guid OrderId, Guid EventId, Guid UserId, IReadOnlyList<Guid> SeatIds, decimal Amount, DateTimeOffset ExpiresAt, string PaymentMethod);

/// <summary>Charge the fan. The order id is the provider's idempotency key: a redelivery charges once.</summary>
public sealed record AuthorizePayment(Guid HoldId, Guid OrderId, decimal Amount, string PaymentMethod);

public sealed record PaymentAuthorized(Guid HoldId, Guid OrderId, string PaymentId);

/// <summary>The issuer said no: a business answer, not a fault.</summary>
public sealed record PaymentDeclined(Guid HoldId, Guid OrderId, string Reason);

/// <summary>The provider is down or the circuit breaker is open; nothing was charged.</summary>
public sealed record PaymentUnavailable(Guid HoldId, Guid OrderId, string Reason);

/// <summary>Give money back. Keyed by order and purpose, so a retried refund pays out once.</summary>
public sealed record RefundPayment(Guid HoldId, Guid OrderId, string PaymentId, decimal Amount, string Purpose);

public sealed record PaymentRefunded(Guid HoldId, Guid OrderId, decimal Amount, string Purpose);

/// <summary>The owner cancels a completed order.</summary>
public sealed record CancelOrderRequested(Guid HoldId, Guid OrderId);

/// <summary>The expiry scheduler found the hold past its expiry while it still waits for checkout.</summary>
public sealed record HoldExpiryDue(Guid HoldId);

/// <summary>
/// An order reached a settled status (or cancellation finished). Every orders instance hears it on
/// its own temporary queue, to answer a checkout request that is waiting for it. It carries what
/// settling changed on the order, so the waiting request answers without reading the order again
/// (the fields are absent in messages from before they existed: then the request reads the order).
/// </summary>
public sealed record OrderSettled(
    Guid OrderId, string Status, string? FailureReason = null, string? PaymentId = null,
    DateTimeOffset? UpdatedAt = null, DateTimeOffset? CompletedAt = null);
