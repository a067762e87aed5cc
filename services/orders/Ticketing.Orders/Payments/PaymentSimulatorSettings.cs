namespace Ticketing.Orders.Payments;

/// <summary>
/// Configuration section <c>PaymentSimulator</c>. Changeable while running (an operator endpoint
/// flips the outage switch), so the values are read at every call.
/// </summary>
public sealed class PaymentSimulatorSettings
{
    public TimeSpan MinLatency { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxLatency { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Share of ordinary cards the issuer declines.</summary>
    public double DeclineRate { get; set; } = 0.05;

    /// <summary>When set, every call fails as if the provider were down.</summary>
    public bool Outage { get; set; }
}
