using StackExchange.Redis;

namespace Ticketing.Inventory.Holds;

/// <summary>
/// Every Redis key of one event carries the hash tag <c>{eventId}</c>, so one event's keys share a
/// cluster slot and the hold scripts run unchanged on a Redis Cluster (sharded by event).
/// </summary>
public static class HoldKeys
{
    public static RedisKey State(Guid eventId) => $"inv:{{{eventId}}}:state";

    public static RedisKey Hold(Guid eventId, Guid userId) => $"inv:{{{eventId}}}:hold:{userId}";

    public static RedisKey Seats(Guid eventId, Guid userId) => $"inv:{{{eventId}}}:seats:{userId}";

    public static RedisKey Expiries(Guid eventId) => $"inv:{{{eventId}}}:expiries";

    public static RedisKey Bought(Guid eventId) => $"inv:{{{eventId}}}:bought";

    /// <summary>How many seats of the event are sold (kept by the sell, unsell and load scripts).</summary>
    public static RedisKey Sold(Guid eventId) => $"inv:{{{eventId}}}:sold";

    /// <summary>Present once the event's sold seats were loaded from PostgreSQL; gone when Redis lost its data.</summary>
    public static RedisKey Loaded(Guid eventId) => $"inv:{{{eventId}}}:loaded";

    /// <summary>
    /// Present once the event's sale closed for good (the organiser cancelled it): the reserve script refuses every seat
    /// from then on, atomically with every other hold change, whatever a cached event status still says.
    /// </summary>
    public static RedisKey Closed(Guid eventId) => $"inv:{{{eventId}}}:closed";

    /// <summary>Shoppers the waiting room let in, scored by the end of their shopping window (ms).</summary>
    public static RedisKey Admitted(Guid eventId) => $"inv:{{{eventId}}}:admitted";

    /// <summary>The id of the user's hold that ran out, for a while after (<see cref="HoldSettings.RememberLapsedFor"/>).</summary>
    public static RedisKey Lapsed(Guid eventId, Guid userId) => $"inv:{{{eventId}}}:lapsed:{userId}";

    /// <summary>The number of the event's last seat change (announce.lua); its changes are published on <see cref="Changes"/>.</summary>
    public static RedisKey Sequence(Guid eventId) => $"inv:{{{eventId}}}:seq";

    /// <summary>The channel a seat change of the event is announced on, by the script that makes it.</summary>
    public static RedisChannel Changes(Guid eventId) => RedisChannel.Literal($"inv:{{{eventId}}}:changes");

    /// <summary>Events that may have live holds: where the expiry sweeper looks.</summary>
    public static readonly RedisKey EventsWithHolds = "inv:events-with-holds";

    public static RedisKey[] ForUser(Guid eventId, Guid userId) =>
        [State(eventId), Hold(eventId, userId), Seats(eventId, userId), Expiries(eventId), Bought(eventId), Loaded(eventId), Admitted(eventId),
            Lapsed(eventId, userId), Sequence(eventId), Closed(eventId)];
}
