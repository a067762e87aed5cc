using Ticketing.Orders.Domain;
using Ticketing.Orders.Purchases;

namespace Ticketing.Orders.Tests;

/// <summary>One fan's hold of two seats, and the saga's messages about it, for the in-memory saga tests.</summary>
public sealed class HarnessPurchase
{
    public const decimal SeatPrice = 150m;
    public const decimal Total = 2 * SeatPrice;

    public Guid HoldId { get; } = Guid.NewGuid();

    public Guid EventId { get; } = Guid.NewGuid();

    public Guid UserId { get; } = Guid.NewGuid();

    public IReadOnlyList<Guid> SeatIds { get; } = [Guid.NewGuid(), Guid.NewGuid()];

    public DateTimeOffset ExpiresAt { get; } = PurchaseSagaHarness.Now.AddMinutes(10);

    /// <summary>A checkout of the hold with a new order, as the checkout request sends it.</summary>
    public CheckoutRequested Checkout(Guid orderId)
    {
        var order = new Order
        {
            Id = orderId, HoldId = HoldId, UserId = UserId, EventId = EventId, Status = OrderStatus.Pending, TotalAmount = Total,
            PaymentMethod = "card:4242", EventName = "Harness Live", CreatedAt = PurchaseSagaHarness.Now, UpdatedAt = PurchaseSagaHarness.Now,
        };
        order.Items = [.. SeatIds.Select((seatId, i) => new OrderItem
        {
            Id = Guid.NewGuid(), OrderId = orderId, SeatId = seatId, Section = "Front", Row = "A", SeatNumber = $"{i + 1}", PriceTier = "vip", Price = SeatPrice,
        })];
        return new CheckoutRequested(HoldId, order, ExpiresAt);
    }

    public static string PaymentIdOf(Guid orderId) => $"pay_{orderId:N}";

    public PaymentAuthorized Authorized(Guid orderId) => new(HoldId, orderId, PaymentIdOf(orderId));

    public PaymentDeclined Declined(Guid orderId) => new(HoldId, orderId, "insufficient funds");

    public PaymentUnavailable Unavailable(Guid orderId) => new(HoldId, orderId, "The payment provider did not answer in time");

    public PaymentRefunded Refunded(Guid orderId, string purpose) => new(HoldId, orderId, Total, purpose);

    public CancelOrderRequested Cancel(Guid orderId, bool eventCancelled = false) => new(HoldId, orderId, eventCancelled);

    public HoldExpiryDue ExpiryDue() => new(HoldId);
}
