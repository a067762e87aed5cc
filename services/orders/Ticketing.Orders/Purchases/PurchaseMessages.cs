using Ticketing.Orders.Domain;

namespace Ticketing.Orders.Purchases;

// Messages inside the orders service, between the checkout request, the purchase saga and the payment
// consumers. All carry the hold id: the saga correlates on it.

/// <summary>
/// A fan submitted checkout for a hold. Sent in-process only (MassTransit's mediator, by <c>PurchaseCheckout</c>),
/// so it carries the new order itself: the saga saves it with its instance, in one transaction, before anybody pays.
/// </summary>
public sealed record CheckoutRequested(Guid HoldId, Order Order, DateTimeOffset ExpiresAt);

/// <summary>
/// Charge the fan. The order id is the provider's idempotency key: a repeat charges once. The checkout request pays
/// in-process; this message is the purchase scheduler's, for a checkout whose request died before it finished.
/// </summary>
public sealed record AuthorizePayment(Guid HoldId, Guid OrderId, decimal Amount, string PaymentMethod);

public sealed record PaymentAuthorized(Guid HoldId, Guid OrderId, string PaymentId);

/// <summary>The issuer said no: a business answer, not a fault.</summary>
public sealed record PaymentDeclined(Guid HoldId, Guid OrderId, string Reason);

/// <summary>The provider is down or the circuit breaker is open; nothing was charged.</summary>
public sealed record PaymentUnavailable(Guid HoldId, Guid OrderId, string Reason);

/// <summary>Give money back. Keyed by order and purpose, so a retried refund pays out once.</summary>
public sealed record RefundPayment(Guid HoldId, Guid OrderId, string PaymentId, decimal Amount, string Purpose);

public sealed record PaymentRefunded(Guid HoldId, Guid OrderId, decimal Amount, string Purpose);

/// <summary>
/// A completed order is cancelled: by its owner (its seats go back on sale), or because the organiser cancelled the
/// event (<paramref name="EventCancelled"/>: nothing goes back on sale).
/// </summary>
public sealed record CancelOrderRequested(Guid HoldId, Guid OrderId, bool EventCancelled = false);

/// <summary>The expiry scheduler found the hold past its expiry while it still waits for checkout.</summary>
public sealed record HoldExpiryDue(Guid HoldId);

/// <summary>What settling changed on an order: a step reports it to the request that sent it in-process.</summary>
public sealed record OrderSettled(
    Guid OrderId, OrderStatus Status, FailedBecause? Failure, string? PaymentId, DateTimeOffset UpdatedAt, DateTimeOffset? CompletedAt);
