namespace Ticketing.Orders.Checkout;

/// <summary>Configuration section <c>Checkout</c>.</summary>
public sealed class CheckoutSettings
{
    /// <summary>How long a checkout request waits for its order to settle before answering 202 with the pending order.</summary>
    public TimeSpan ResponseWait { get; set; } = TimeSpan.FromSeconds(10);
}
