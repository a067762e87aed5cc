using StackExchange.Redis;

namespace Ticketing.Queue.Admission;

/// <summary>
/// Every Redis key of one event carries the hash tag <c>{eventId}</c>, so one event's keys share a
/// cluster slot and the admission script runs unchanged on a Redis Cluster (sharded by event).
/// </summary>
public static class QueueKeys
{
    /// <summary>The event's waiting-room settings (a hash fed by catalog's messages).</summary>
    public static RedisKey Event(Guid eventId) => $"queue:{{{eventId}}}:event";

    public static RedisKey Waiting(Guid eventId) => $"queue:{{{eventId}}}:waiting";

    public static RedisKey Active(Guid eventId) => $"queue:{{{eventId}}}:active";

    public static RedisKey Sequence(Guid eventId) => $"queue:{{{eventId}}}:seq";

    /// <summary>Recent admissions (user -> admitted-at ms): the measured admission rate.</summary>
    public static RedisKey Admissions(Guid eventId) => $"queue:{{{eventId}}}:admissions";
}
