using StackExchange.Redis;
using Ticketing.Inventory.Domain;
using Ticketing.Inventory.Seats;

namespace Ticketing.Inventory.Holds;

/// <summary>A user's live hold on one event: its seats as sold (section, row, price).</summary>
public sealed record UserHold(Guid HoldId, Guid EventId, IReadOnlyList<Seat> Seats, DateTimeOffset ExpiresAt)
{
    public decimal TotalPrice => Seats.Sum(s => s.Price);
}

/// <summary>A user's live holds, one per event, and the events where their hold ran out lately.</summary>
public sealed record UserHoldList(IReadOnlyList<UserHold> Live, IReadOnlyList<Guid> LapsedEventIds);

/// <summary>
/// A user's holds across events (per user, not per login session): an index of the events the user
/// reserved on, pruned of holds that ended as it is read.
/// </summary>
public sealed class UserHolds(IConnectionMultiplexer redis, HoldStore holds, SeatCatalog catalog)
{
    public static RedisKey Index(Guid userId) => $"inv:user-holds:{userId}";

    public async Task<UserHoldList> ListAsync(Guid userId)
    {
        var db = redis.GetDatabase();
        var live = new List<UserHold>();
        var lapsed = new List<Guid>();
        foreach (var member in await db.SetMembersAsync(Index(userId)))
        {
            var eventId = Guid.Parse((string)member!);
            var (hold, ranOut) = await holds.LookUpAsync(eventId, userId, lapsedToo: true);
            if (hold is null || hold.SeatIds.Count == 0)
            {
                if (ranOut)
                {
                    lapsed.Add(eventId);
                }
                else
                {
                    await db.SetRemoveAsync(Index(userId), member);
                }
                continue;
            }
            var seats = await catalog.GetAsync(eventId);
            live.Add(new UserHold(hold.HoldId, eventId, [.. hold.SeatIds.Where(seats.ById.ContainsKey).Select(id => seats.ById[id])], hold.ExpiresAt));
        }
        return new UserHoldList(live, lapsed);
    }
}
