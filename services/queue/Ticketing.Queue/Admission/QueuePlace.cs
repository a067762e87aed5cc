namespace Ticketing.Queue.Admission;

/// <summary>Where one user stands in one event's waiting room.</summary>
public abstract record QueuePlace
{
    public sealed record Active(DateTimeOffset AdmittedUntil) : QueuePlace;

    /// <summary>In line, with the event's measured admission rate (null when nobody was let in recently), read in the same step.</summary>
    public sealed record Waiting(long Position, double? AdmissionsPerSecond) : QueuePlace;

    public sealed record NotInQueue : QueuePlace;
}

/// <summary>The outcome of one admission step: who ended, who got in, and what is left.</summary>
public sealed record AdmissionStep(long WaitingCount, long ActiveCount, IReadOnlyList<Guid> Ended, IReadOnlyList<Guid> Admitted, DateTimeOffset AdmittedUntil)
{
    public bool IsIdle => WaitingCount == 0 && ActiveCount == 0;
}
