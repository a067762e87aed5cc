using System.ComponentModel.DataAnnotations;
namespace Ticketing.Queue.Admission;

/// <summary>Configuration section <c>Queue</c>.</summary>
public sealed class QueueSettings
{
    /// <summary>How long an admitted shopper may shop before the slot goes to the next in line.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ShoppingWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often each instance runs the admission step of every event with a queue.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan AdmissionInterval { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How much admission history the wait estimate measures its rate over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest an instance answers from its in-memory copy of an event's settings without
    /// re-reading it: a backstop only, as changes are announced to every instance at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan EventSettingsMaxAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The set of events that have a queue, where the admission loop looks. Instances that serve
    /// the same waiting rooms share it (tests give each deployment its own).
    /// </summary>
    [Required]
    public string EventIndexKey { get; set; } = "queue:events";
}
