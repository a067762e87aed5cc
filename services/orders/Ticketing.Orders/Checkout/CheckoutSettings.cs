using System.ComponentModel.DataAnnotations;
namespace Ticketing.Orders.Checkout;

/// <summary>Configuration section <c>Checkout</c>.</summary>
public sealed class CheckoutSettings
{
    /// <summary>How long a checkout request waits for its order to settle before answering 202 with the pending order.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ResponseWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A checkout without an Idempotency-Key that finds no hold, this soon after the caller's last order was submitted,
    /// is that submit again (a double click whose first click already bought the seats): it answers that order.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RepeatWindow { get; set; } = TimeSpan.FromSeconds(10);
}
