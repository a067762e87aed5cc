using StackExchange.Redis;
using Ticketing.Inventory.Sales;

namespace Ticketing.Inventory.Holds;

public abstract record ReserveOutcome
{
    /// <summary>
    /// The hold as it now is: <paramref name="SeatIds"/> holds every seat in it, not only the ones just added;
    /// <paramref name="Sequence"/> numbers the change among the event's seat changes.
    /// </summary>
    public sealed record Held(Guid HoldId, DateTimeOffset ExpiresAt, Guid? ExpiredHoldId, long Sequence, IReadOnlyList<Guid> SeatIds) : ReserveOutcome;

    public sealed record Taken(IReadOnlyList<Guid> SeatIds) : ReserveOutcome;

    public sealed record OverLimit(int AlreadyHeldOrBought) : ReserveOutcome;

    public sealed record NotAdmitted : ReserveOutcome;

    /// <summary>The event's sale is closed for good (cancelled).</summary>
    public sealed record Closed : ReserveOutcome;
}

public sealed record ReleaseOutcome(Guid HoldId, DateTimeOffset ExpiresAt, bool HoldEnded, long Sequence, IReadOnlyList<Guid> Released);

/// <summary>The event's seat states as Redis has them (seat id to "S" or "H:user:expiry ms"), and the last change they reflect.</summary>
public sealed record RawSeatStates(long Sequence, RedisResult[] Entries);

public sealed record HoldView(Guid HoldId, Guid EventId, DateTimeOffset ExpiresAt, IReadOnlyList<Guid> SeatIds);

/// <summary>A user's hold on one event: <see cref="Live"/>, or <see cref="Lapsed"/> (it ran out lately), or neither.</summary>
public sealed record HoldLookup(HoldView? Live, bool Lapsed);

/// <summary>Seat holds in Redis: every change is one atomic script (see <c>Scripts/</c>).</summary>
public sealed class HoldStore(IConnectionMultiplexer redis, RedisStateLoader loader, HoldSettings settings, TimeProvider clock)
{
    public async Task<ReserveOutcome> ReserveAsync(
        Guid eventId, Guid userId, IReadOnlyList<Guid> seatIds, TimeSpan ttl, int maxPerUser, bool waitingRoom = false)
    {
        var db = redis.GetDatabase();
        RedisValue[] args =
        [
            userId.ToString(), clock.GetUtcNow().ToUnixTimeMilliseconds(), (long)ttl.TotalMilliseconds, maxPerUser, Guid.CreateVersion7().ToString(),
            waitingRoom ? "1" : "0", LapsedMemory, .. seatIds.Select(s => (RedisValue)s.ToString()),
        ];
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(HoldScripts.Reserve, HoldKeys.ForUser(eventId, userId), args))!;
        if ((string)result[0]! == "reload")
        {
            await loader.LoadAsync(eventId);
            result = (RedisResult[])(await db.ScriptEvaluateAsync(HoldScripts.Reserve, HoldKeys.ForUser(eventId, userId), args))!;
        }
        switch ((string)result[0]!)
        {
            case "taken":
                return new ReserveOutcome.Taken(result.Skip(1).Select(r => Guid.Parse((string)r!)).ToArray());
            case "limit":
                return new ReserveOutcome.OverLimit(int.Parse((string)result[1]!));
            case "not_admitted":
                return new ReserveOutcome.NotAdmitted();
            case "closed":
                return new ReserveOutcome.Closed();
            case "ok":
                await db.SetAddAsync(HoldKeys.EventsWithHolds, eventId.ToString(), CommandFlags.FireAndForget);
                await db.SetAddAsync(UserHolds.Index(userId), eventId.ToString(), CommandFlags.FireAndForget);
                var expired = (string)result[3]!;
                return new ReserveOutcome.Held(
                    Guid.Parse((string)result[1]!),
                    DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((string)result[2]!)),
                    expired.Length > 0 ? Guid.Parse(expired) : null,
                    long.Parse((string)result[4]!),
                    result.Skip(5).Select(r => Guid.Parse((string)r!)).ToArray());
            default:
                throw new InvalidOperationException($"reserve script answered {(string)result[0]!}");
        }
    }

    /// <summary>Releases <paramref name="seatIds"/> (all when empty); with <paramref name="onlyIfExpired"/>, only a hold that ran out.</summary>
    public async Task<ReleaseOutcome?> ReleaseAsync(Guid eventId, Guid userId, IReadOnlyList<Guid> seatIds, bool onlyIfExpired = false)
    {
        RedisValue[] args =
        [
            userId.ToString(), clock.GetUtcNow().ToUnixTimeMilliseconds(), onlyIfExpired ? "1" : "0", LapsedMemory,
            .. seatIds.Select(s => (RedisValue)s.ToString()),
        ];
        RedisKey[] keys = [HoldKeys.State(eventId), HoldKeys.Hold(eventId, userId), HoldKeys.Seats(eventId, userId), HoldKeys.Expiries(eventId),
            HoldKeys.Lapsed(eventId, userId), HoldKeys.Sequence(eventId)];
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(HoldScripts.Release, keys, args))!;
        var kind = (string)result[0]!;
        if (kind is "none" or "live")
        {
            return null;
        }
        return new ReleaseOutcome(
            Guid.Parse((string)result[1]!),
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((string)result[2]!)),
            kind == "ended",
            long.Parse((string)result[3]!),
            result.Skip(4).Select(r => Guid.Parse((string)r!)).ToArray());
    }

    /// <summary>The user's live hold on the event, if any.</summary>
    public async Task<HoldView?> FindAsync(Guid eventId, Guid userId) => (await LookUpAsync(eventId, userId)).Live;

    /// <summary>
    /// The user's hold on the event: live, or lapsed (ran out a while ago, or just now and not yet swept), or neither.
    /// The hold and its seats are read in one round trip.
    /// </summary>
    public async Task<HoldLookup> LookUpAsync(Guid eventId, Guid userId, bool lapsedToo = false)
    {
        var db = redis.GetDatabase();
        var holdRead = db.HashGetAsync(HoldKeys.Hold(eventId, userId), ["id", "exp"]);
        var seatsRead = db.SetMembersAsync(HoldKeys.Seats(eventId, userId));
        var hold = await holdRead;
        var seats = await seatsRead;
        if (!hold[0].IsNull && !hold[1].IsNull)
        {
            var expires = DateTimeOffset.FromUnixTimeMilliseconds((long)hold[1]);
            if (expires > clock.GetUtcNow())
            {
                return new HoldLookup(new HoldView(Guid.Parse((string)hold[0]!), eventId, expires, seats.Select(s => Guid.Parse((string)s!)).ToArray()), false);
            }
            return new HoldLookup(null, true);
        }
        return new HoldLookup(null, lapsedToo && await db.KeyExistsAsync(HoldKeys.Lapsed(eventId, userId)));
    }

    /// <summary>Users with a hold on the event, live or run out but not yet swept (at most <paramref name="take"/>).</summary>
    public async Task<Guid[]> HoldersAsync(Guid eventId, int take) =>
        UserIds(await redis.GetDatabase().SortedSetRangeByRankAsync(HoldKeys.Expiries(eventId), 0, take - 1));

    /// <summary>Users whose hold on the event has run out by now.</summary>
    public async Task<Guid[]> ExpiredHoldersAsync(Guid eventId)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return UserIds(await redis.GetDatabase().SortedSetRangeByScoreAsync(HoldKeys.Expiries(eventId), double.NegativeInfinity, now, take: 500));
    }

    private static Guid[] UserIds(RedisValue[] members) => [.. members.Select(u => Guid.Parse((string)u!))];

    private long LapsedMemory => (long)settings.RememberLapsedFor.TotalMilliseconds;

    /// <summary>The event's state hash with the sequence of the last change in it (one atomic read), loaded from PostgreSQL first if Redis lost it.</summary>
    public async Task<RawSeatStates> RawStatesAsync(Guid eventId)
    {
        await loader.EnsureLoadedAsync(eventId);
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(HoldScripts.States, [HoldKeys.State(eventId), HoldKeys.Sequence(eventId)]))!;
        return new RawSeatStates(long.Parse((string)result[0]!), (RedisResult[])result[1]!);
    }
}

public enum SeatState
{
    Available,
    Held,
    Sold,
}
