namespace Ticketing.Orders.Domain;

/// <summary>
/// Why an order did not complete, as a code: what the API decides its answer on (and clients may too), beside the
/// words the fan reads (<see cref="Order.FailureReason"/>), which may change without changing any behaviour.
/// The wire names are the snake_case of these.
/// </summary>
public enum OrderFailure
{
    /// <summary>The issuer declined the card; the hold is kept for another try (402).</summary>
    PaymentDeclined,

    /// <summary>The provider was down or the breaker open: nothing was charged, try again (503).</summary>
    ProviderUnavailable,

    /// <summary>Paid, but the hold no longer held the seats paid for; the charge is refunded (409).</summary>
    SeatsLost,

    /// <summary>The organiser cancelled the event; the order is refunded.</summary>
    EventCancelled,
}

/// <summary>Why an order did not complete: the code the API answers by, and the words for the fan.</summary>
public sealed record FailedBecause(OrderFailure Code, string Reason);

public static class OrderFailureNames
{
    public static string ToWire(this OrderFailure failure) => failure switch
    {
        OrderFailure.PaymentDeclined => "payment_declined",
        OrderFailure.ProviderUnavailable => "provider_unavailable",
        OrderFailure.SeatsLost => "seats_lost",
        OrderFailure.EventCancelled => "event_cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(failure)),
    };

    public static OrderFailure FromWire(string value) => value switch
    {
        "payment_declined" => OrderFailure.PaymentDeclined,
        "provider_unavailable" => OrderFailure.ProviderUnavailable,
        "seats_lost" => OrderFailure.SeatsLost,
        "event_cancelled" => OrderFailure.EventCancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "unknown order failure"),
    };
}
