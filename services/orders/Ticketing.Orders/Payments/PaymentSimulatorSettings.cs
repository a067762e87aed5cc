using System.ComponentModel.DataAnnotations;
namespace Ticketing.Orders.Payments;

/// <summary>
/// Configuration section <c>PaymentSimulator</c>. Changeable while running (an operator endpoint
/// flips the outage switch), so the values are read at every call.
/// </summary>
public sealed class PaymentSimulatorSettings
{
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MinLatency { get; set; } = TimeSpan.FromMilliseconds(100);

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]

    public TimeSpan MaxLatency { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Share of ordinary cards the issuer declines.</summary>
    [Range(0.0, 1.0)]
    public double DeclineRate { get; set; } = 0.05;

    /// <summary>When set, every call fails as if the provider were down.</summary>
    public bool Outage { get; set; }
}
