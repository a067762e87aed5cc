namespace Ticketing.Orders.Domain;

/// <summary>Where an order stands; the wire names are the snake_case of these.</summary>
public enum OrderStatus
{
    /// <summary>Submitted; payment and seat confirmation are under way.</summary>
    Pending,

    /// <summary>Paid, seats sold, tickets issued.</summary>
    Completed,

    /// <summary>The payment was declined; the hold is kept so the fan can try again.</summary>
    PaymentFailed,

    /// <summary>Not completed (provider unavailable, seats lost, hold expired); any charge is refunded.</summary>
    Failed,

    /// <summary>Cancelled by its owner; refund and return of the seats are under way.</summary>
    Cancelling,

    /// <summary>Cancelled, refunded, seats back on sale.</summary>
    Cancelled,
}

public static class OrderStatusNames
{
    public static string ToWire(this OrderStatus status) => status switch
    {
        OrderStatus.Pending => "pending",
        OrderStatus.Completed => "completed",
        OrderStatus.PaymentFailed => "payment_failed",
        OrderStatus.Failed => "failed",
        OrderStatus.Cancelling => "cancelling",
        OrderStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static OrderStatus FromWire(string value) => value switch
    {
        "pending" => OrderStatus.Pending,
        "completed" => OrderStatus.Completed,
        "payment_failed" => OrderStatus.PaymentFailed,
        "failed" => OrderStatus.Failed,
        "cancelling" => OrderStatus.Cancelling,
        "cancelled" => OrderStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "unknown order status"),
    };

    /// <summary>Nothing more will happen to the order without the fan asking.</summary>
    public static bool IsSettled(this OrderStatus status) => status is not (OrderStatus.Pending or OrderStatus.Cancelling);
}
