using System.ComponentModel.DataAnnotations;
namespace Ticketing.Inventory.Holds;

/// <summary>Configuration section <c>Holds</c>.</summary>
public sealed class HoldSettings
{
    /// <summary>How long seats stay held for checkout (the product promises 10 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan HoldDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often expired holds are looked for; they return to sale within this much of expiry.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a hold that ran out is remembered, so that a checkout of it hears "Reservation has expired" rather
    /// than "No active reservation found" (a fan who left the checkout page open comes back to pay).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan RememberLapsedFor { get; set; } = TimeSpan.FromHours(1);
}
