using System.Text.Json.Serialization;

namespace Ticketing.Queue.Api.Models;

/// <summary>
/// join/status answer; snake_case on the wire (position, status, estimated_wait_seconds, poll_after_ms).
/// <c>poll_after_ms</c> says when a waiting client should ask
/// again (<see cref="Admission.PollHint"/>); 0 when there is nothing to wait for.
/// </summary>
public sealed record QueueStatusResponse(long Position, string Status, long EstimatedWaitSeconds, long PollAfterMs)
{
    public static readonly QueueStatusResponse Active = new(0, QueueStatuses.Active, 0, 0);
    public static readonly QueueStatusResponse NotInQueue = new(0, QueueStatuses.NotInQueue, 0, 0);
    public static readonly QueueStatusResponse SoldOut = new(0, QueueStatuses.SoldOut, 0, 0);
}

/// <summary>The contract spells the stats fields in camelCase.</summary>
public sealed record QueueStatsResponse(
    [property: JsonPropertyName("queueLength")] long QueueLength,
    [property: JsonPropertyName("activeCount")] long ActiveCount,
    [property: JsonPropertyName("estimatedWait")] long EstimatedWait);

public sealed record LeaveResponse(string Message);

public static class QueueStatuses
{
    public const string Waiting = "waiting";
    public const string Active = "active";
    public const string NotInQueue = "not_in_queue";
    public const string SoldOut = "sold_out";
}
